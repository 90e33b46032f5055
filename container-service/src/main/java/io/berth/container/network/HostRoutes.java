package io.berth.container.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's IPv4 routes, read from {@code /proc/net/route} (no process to start): a network's
 * subnet must not overlap any of them, or its traffic would go the wrong way (a real dockerd's
 * {@code 172.17.0.0/16}, the host's own LAN).
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/proc.5.html">proc(5), /proc/net/route</a>
 */
final class HostRoutes {

  private HostRoutes() {}

  /** A route to a subnet through a device. */
  record Route(String device, Subnet subnet) {}

  /** Every route to a subnet (not the default route, not to single hosts). */
  static List<Route> routes() {
    try {
      return parse(Files.readAllLines(Path.of("/proc/net/route")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the table: destination and mask are hexadecimal in host (little-endian) order. */
  static List<Route> parse(List<String> lines) {
    List<Route> routes = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 8) {
        continue;
      }
      int destination = Integer.reverseBytes((int) Long.parseLong(fields[1], 16));
      int mask = Integer.reverseBytes((int) Long.parseLong(fields[7], 16));
      int prefix = Integer.bitCount(mask);
      if (prefix < 8 || prefix > 30) {
        continue;
      }
      routes.add(new Route(fields[0], new Subnet(destination & mask, prefix)));
    }
    return routes;
  }
}
