package io.berth.container.network;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names this node gives its interfaces and iptables chains. They all carry a tag made from the
 * data directory, so two Berth platforms on one host (tests run several) never touch each other's
 * bridges or rules, and everything of one platform is found by its tag.
 *
 * @param tag six hex digits of the data directory's sha256
 */
record HostNames(String tag) {

  /** Names for the platform whose state lives under {@code dataDir}. */
  static HostNames of(Path dataDir) {
    return new HostNames(sha256(dataDir.toAbsolutePath().normalize().toString()).substring(0, 6));
  }

  /** The default network's bridge: {@code bth<tag>0}. */
  String defaultBridge() {
    return "bth" + tag + "0";
  }

  /** A user network's bridge: {@code bth<tag>-<5 hex of its id>} (15 characters, IFNAMSIZ-1). */
  String bridge(String networkId) {
    return "bth" + tag + "-" + networkId.substring(0, 5);
  }

  /** Whether an interface is one of this platform's bridges. */
  boolean isBridge(String name) {
    return name.startsWith("bth" + tag);
  }

  /** The host end of a container's veth pair on a network. */
  static String veth(String containerId, String networkId) {
    return "vb" + sha256(containerId + "/" + networkId).substring(0, 13);
  }

  String forwardChain() {
    return "BERTH-" + tag + "-FWD";
  }

  String isolationChain1() {
    return "BERTH-" + tag + "-ISO1";
  }

  String isolationChain2() {
    return "BERTH-" + tag + "-ISO2";
  }

  String dnatChain() {
    return "BERTH-" + tag + "-DNAT";
  }

  String postroutingChain() {
    return "BERTH-" + tag + "-POST";
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
