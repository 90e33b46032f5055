package io.berth.image.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EXPOSE's port specs, read as moby's builder reads them ({@code parsePortSpec} in
 * daemon/builder/dockerfile/dispatchers.go, after go-connections' {@code nat}): {@code
 * [ip:][hostPort:]port[-end][/proto]}, protocol {@code tcp} by default, a range giving one port
 * each.
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
    int slash = containerPort.indexOf('/');
    String port = slash < 0 ? containerPort : containerPort.substring(0, slash);
    String proto = slash < 0 ? "" : containerPort.substring(slash + 1);
    if (port.isEmpty()) {
      throw new IllegalArgumentException("no port specified: " + spec + "<empty>");
    }
    proto = proto.isEmpty() ? "tcp" : proto.toLowerCase(Locale.ROOT);
    if (!PROTOCOLS.contains(proto)) {
      throw new IllegalArgumentException("invalid proto: " + proto);
    }
    int[] range = range(port);
    if (range == null) {
      throw new IllegalArgumentException("invalid containerPort: " + port);
    }
    List<String> ports = new ArrayList<>();
    for (int p = range[0]; p <= range[1]; p++) {
      ports.add(p + "/" + proto);
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
