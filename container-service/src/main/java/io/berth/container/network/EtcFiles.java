package io.berth.container.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's {@code /etc/hosts} and {@code /etc/resolv.conf} on a bridge network: localhost,
 * {@code --add-host} entries, its own address under its hostname, and its peers on user-defined
 * networks under their names and aliases (Docker answers those from an embedded DNS server; a hosts
 * file kept up to date gives the same answers to every resolver, without a server).
 */
final class EtcFiles {

  private EtcFiles() {}

  /** A name for an address. */
  record HostEntry(String address, List<String> names) {}

  static String hosts(List<String> extraHosts, List<HostEntry> own, List<HostEntry> peers) {
    StringBuilder out =
        new StringBuilder(
            "127.0.0.1\tlocalhost\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "fe00::0\tip6-localnet\n"
                + "ff00::0\tip6-mcastprefix\n"
                + "ff02::1\tip6-allnodes\n"
                + "ff02::2\tip6-allrouters\n");
    for (String extra : extraHosts) {
      int colon = extra.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("invalid argument \"" + extra + "\" for --add-host");
      }
      String address = extra.substring(colon + 1);
      if (address.equals("host-gateway")) {
        throw new IllegalArgumentException(
            "--add-host " + extra + ": host-gateway is not supported");
      }
      out.append(address).append('\t').append(extra, 0, colon).append('\n');
    }
    for (HostEntry entry : own) {
      out.append(entry.address()).append('\t').append(String.join(" ", entry.names())).append('\n');
    }
    for (HostEntry entry : peers) {
      out.append(entry.address()).append('\t').append(String.join(" ", entry.names())).append('\n');
    }
    return out.toString();
  }

  /** The host's resolv.conf with its name servers replaced by {@code --dns}'s. */
  static String resolvConf(List<String> nameServers) {
    Path host = Path.of("/etc/resolv.conf");
    StringBuilder out = new StringBuilder();
    try {
      if (Files.exists(host)) {
        for (String line : Files.readAllLines(host)) {
          if (!line.trim().startsWith("nameserver")) {
            out.append(line).append('\n');
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String server : nameServers) {
      out.append("nameserver ").append(server).append('\n');
    }
    return out.toString();
  }
}
