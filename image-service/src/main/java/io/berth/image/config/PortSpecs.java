package io.berth.image.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns {@code EXPOSE} arguments ({@code 80}, {@code 53/udp}, {@code 8000-8002}, {@code
 * 127.0.0.1:8080:80/tcp}) into exposed ports like {@code 80/tcp}.
 *
 * @see <a href="https://github.com/docker/go-connections/blob/v0.4.0/nat/nat.go">go-connections
 *     nat.ParsePortSpec</a>
 */
final class PortSpecs {

  private PortSpecs() {}

  static List<String> exposedPorts(String spec) {
    String[] parts = spec.split(":", -1);
    String containerPort = parts[parts.length - 1];
    String proto = "tcp";
    int slash = containerPort.indexOf('/');
    if (slash >= 0) {
      String given = containerPort.substring(slash + 1);
      containerPort = containerPort.substring(0, slash);
      proto = given.isEmpty() ? "tcp" : given.toLowerCase(Locale.ROOT);
    }
    if (containerPort.isEmpty()) {
      throw new IllegalArgumentException("no port specified: " + spec + "<empty>");
    }
    if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
      throw new IllegalArgumentException("invalid proto: " + proto);
    }
    int[] range = range(containerPort);
    List<String> ports = new ArrayList<>();
    for (int port = range[0]; port <= range[1]; port++) {
      ports.add(port + "/" + proto);
    }
    return ports;
  }

  private static int[] range(String text) {
    int dash = text.indexOf('-');
    try {
      int start = port(dash < 0 ? text : text.substring(0, dash));
      int end = dash < 0 ? start : port(text.substring(dash + 1));
      if (end < start) {
        throw new IllegalArgumentException("invalid containerPort: " + text);
      }
      return new int[] {start, end};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid containerPort: " + text);
    }
  }

  private static int port(String text) {
    int port = Integer.parseInt(text);
    if (port < 0 || port > 65535) {
      throw new NumberFormatException(text);
    }
    return port;
  }
}
