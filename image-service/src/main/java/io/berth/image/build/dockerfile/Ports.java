package io.berth.image.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EXPOSE's port specs, read as go-connections' {@code nat.ParsePortSpecs} reads them for Docker:
 * {@code [ip:][hostPort:]port[-end][/proto]}, protocol {@code tcp} by default, a range giving one
 * port each.
 */
final class Ports {

  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");

  private Ports() {}

  /**
   * @return the ports of one spec, as {@code 80/tcp}
   * @throws IllegalArgumentException worded as Docker's
   */
  static List<String> parse(String spec) {
    String[] parts = spec.split(":", -1);
    String containerPort = parts[parts.length - 1];
    String proto = "";
    String port = "";
    String[] protoParts = containerPort.split("/", -1);
    if (!containerPort.isEmpty() && !protoParts[0].isEmpty()) {
      port = protoParts[0];
      proto = protoParts.length == 1 || protoParts[1].isEmpty() ? "tcp" : protoParts[1];
    }
    if (port.isEmpty()) {
      throw new IllegalArgumentException("no port specified: " + spec + "<empty>");
    }
    int[] range = range(port);
    if (range == null) {
      throw new IllegalArgumentException("invalid containerPort: " + port);
    }
    if (!PROTOCOLS.contains(proto.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("invalid proto: " + proto);
    }
    List<String> ports = new ArrayList<>();
    for (int p = range[0]; p <= range[1]; p++) {
      ports.add(p + "/" + proto.toLowerCase(Locale.ROOT));
    }
    return ports;
  }

  private static int[] range(String port) {
    int dash = port.indexOf('-');
    String start = dash < 0 ? port : port.substring(0, dash);
    String end = dash < 0 ? port : port.substring(dash + 1);
    Integer from = uint16(start);
    Integer to = uint16(end);
    if (from == null || to == null || to < from) {
      return null;
    }
    return new int[] {from, to};
  }

  private static Integer uint16(String text) {
    if (!NUMBER.matcher(text).matches() || text.length() > 18) {
      return null;
    }
    long value = Long.parseLong(text);
    return value > 65535 ? null : (int) value;
  }
}
