package io.berth.container.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Bridges and veth pairs, through iproute2 ({@code ip -batch}): one process on the host side and
 * one in the container's network namespace per start. A veth pair needs no removal when its
 * container ends: the kernel deletes both ends with the last process of the namespace.
 */
final class Links {

  private Links() {}

  /** One interface to make in a container: the host end on a bridge, the container end named. */
  record Plug(String veth, String bridge, String inside, String address, int prefix, String mac) {}

  /** Makes the bridge with the gateway address unless it is there, and lets it route loopback. */
  static void ensureBridge(String bridge, Subnet subnet) {
    if (!exists(bridge)) {
      NetTools.ip(
          List.of(
              "link add " + bridge + " type bridge",
              "addr add " + subnet.gateway() + "/" + subnet.prefix() + " dev " + bridge,
              "link set " + bridge + " up"));
    }
    // Published ports reached from 127.0.0.1 are forwarded into the bridge after DNAT.
    sysctl("net/ipv4/conf/" + bridge + "/route_localnet", "1");
    sysctl("net/ipv4/ip_forward", "1");
  }

  /** Deletes a bridge (and with it the host ends still attached). */
  static void deleteBridge(String bridge) {
    if (exists(bridge)) {
      NetTools.ipQuietly(List.of("link del " + bridge));
    }
  }

  /**
   * Plugs interfaces into the network namespace of process {@code pid}: veth pairs whose container
   * ends are created inside it, addresses, {@code lo} up, and the default route via {@code gateway}
   * when one is given.
   */
  static void plug(int pid, List<Plug> plugs, String gateway, boolean loopback) {
    List<String> host = new ArrayList<>();
    List<String> inside = new ArrayList<>();
    if (loopback) {
      inside.add("link set lo up");
    }
    for (Plug p : plugs) {
      host.add(
          "link add "
              + p.veth()
              + " type veth peer name "
              + p.inside()
              + " address "
              + p.mac()
              + " netns "
              + pid);
      host.add("link set " + p.veth() + " master " + p.bridge() + " up");
      inside.add("addr add " + p.address() + "/" + p.prefix() + " dev " + p.inside());
      inside.add("link set " + p.inside() + " up");
    }
    if (gateway != null) {
      inside.add("route add default via " + gateway);
    }
    NetTools.ip(host);
    if (!inside.isEmpty()) {
      NetTools.ipIn(pid, inside);
    }
  }

  /** Deletes host ends of veth pairs that still exist (their peers go with them). */
  static void unplug(List<String> veths) {
    List<String> present = new ArrayList<>();
    for (String veth : veths) {
      if (exists(veth)) {
        present.add("link del " + veth);
      }
    }
    NetTools.ipQuietly(present);
  }

  /** The first {@code ethN} name not used in the network namespace of process {@code pid}. */
  static String freeInterface(int pid) {
    Set<String> used = new HashSet<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/net/dev"))) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          used.add(line.substring(0, colon).trim());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("process " + pid + " is gone", e);
    }
    int n = 0;
    while (used.contains("eth" + n)) {
      n++;
    }
    return "eth" + n;
  }

  /** The host's interface names. */
  static List<String> names() {
    try (var dirs = Files.list(Path.of("/sys/class/net"))) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The interfaces plugged into a bridge. */
  static List<String> ports(String bridge) {
    try (var dirs = Files.list(Path.of("/sys/class/net", bridge, "brif"))) {
      return dirs.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  static boolean exists(String name) {
    return Files.exists(Path.of("/sys/class/net", name));
  }

  private static void sysctl(String key, String value) {
    Path path = Path.of("/proc/sys", key);
    try {
      if (!Files.readString(path).trim().equals(value)) {
        Files.writeString(path, value);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot set " + key + " to " + value, e);
    }
  }
}
