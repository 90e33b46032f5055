package io.berth.container.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The node's iptables rules, in chains of its own hooked into the built-in ones, as Docker does it
 * (moby's {@code libnetwork/drivers/bridge}): masquerading of each bridge's subnet, explicit {@code
 * ACCEPT}s for its forwarded traffic (a dockerd on the same host sets the {@code FORWARD} policy to
 * {@code DROP}), a two-stage isolation that drops traffic between different bridges, and {@code
 * DNAT} for published ports from other hosts ({@code PREROUTING}) and from this one ({@code
 * OUTPUT}, loopback included: each bridge has {@code route_localnet=1} and traffic from a local
 * address into it is masqueraded).
 *
 * <p>Network rules are rewritten whole (one {@code iptables-restore}); port rules are added and
 * deleted one container at a time.
 */
final class Firewall {

  /** A bridge's part of the rules. */
  record BridgeRules(String bridge, Subnet subnet, boolean internal) {}

  private final HostNames names;

  Firewall(HostNames names) {
    this.names = names;
  }

  /** Writes every chain of this node anew: its networks, its published ports; hooks them in. */
  void sync(List<BridgeRules> bridges, List<PublishedPortRow> ports) {
    List<String> lines = new ArrayList<>();
    String fwd = names.forwardChain();
    String iso1 = names.isolationChain1();
    String iso2 = names.isolationChain2();
    lines.add("*filter");
    lines.add(":" + fwd + " - [0:0]");
    lines.add(":" + iso1 + " - [0:0]");
    lines.add(":" + iso2 + " - [0:0]");
    lines.add("-A " + fwd + " -j " + iso1);
    for (BridgeRules b : bridges) {
      String br = b.bridge();
      lines.add(
          "-A " + fwd + " -o " + br + " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
      lines.add("-A " + fwd + " -o " + br + " -m conntrack --ctstate DNAT -j ACCEPT");
      lines.add("-A " + fwd + " -i " + br + " -o " + br + " -j ACCEPT");
      if (b.internal()) {
        lines.add("-A " + iso1 + " -i " + br + " ! -o " + br + " -j DROP");
        lines.add("-A " + iso1 + " -o " + br + " ! -i " + br + " -j DROP");
      } else {
        lines.add("-A " + fwd + " -i " + br + " ! -o " + br + " -j ACCEPT");
        lines.add("-A " + iso1 + " -i " + br + " ! -o " + br + " -j " + iso2);
      }
      lines.add("-A " + iso2 + " -o " + br + " -j DROP");
    }
    lines.add("COMMIT");
    lines.add("*nat");
    lines.add(":" + names.dnatChain() + " - [0:0]");
    lines.add(":" + names.postroutingChain() + " - [0:0]");
    for (BridgeRules b : bridges) {
      if (!b.internal()) {
        lines.add(
            "-A "
                + names.postroutingChain()
                + " -s "
                + b.subnet()
                + " ! -o "
                + b.bridge()
                + " -j MASQUERADE");
      }
      lines.add(
          "-A "
              + names.postroutingChain()
              + " -o "
              + b.bridge()
              + " -m addrtype --src-type LOCAL -j MASQUERADE");
    }
    for (PublishedPortRow port : ports) {
      lines.add("-A " + dnatRule(port));
    }
    lines.add("COMMIT");
    NetTools.iptablesRestore(lines);
    hookIn();
  }

  /** Adds a container's port rules. */
  void publish(List<PublishedPortRow> ports) {
    if (!ports.isEmpty()) {
      NetTools.iptablesRestore(portLines("-A", ports));
    }
  }

  /** Deletes a container's port rules (those still there). */
  void unpublish(List<PublishedPortRow> ports) {
    if (!ports.isEmpty() && !NetTools.iptablesRestoreQuietly(portLines("-D", ports))) {
      // One was gone already: delete the others one by one.
      for (PublishedPortRow port : ports) {
        NetTools.iptablesRestoreQuietly(portLines("-D", List.of(port)));
      }
    }
  }

  /** Unhooks and deletes every chain of this node. */
  void remove() {
    for (String[] jump : jumps()) {
      NetTools.iptablesRestoreQuietly(List.of("*" + jump[0], "-D " + jump[1], "COMMIT"));
    }
    List<String> delete = new ArrayList<>();
    delete.add("*filter");
    for (String chain :
        List.of(names.forwardChain(), names.isolationChain1(), names.isolationChain2())) {
      delete.add("-F " + chain);
    }
    for (String chain :
        List.of(names.forwardChain(), names.isolationChain1(), names.isolationChain2())) {
      delete.add("-X " + chain);
    }
    delete.add("COMMIT");
    delete.add("*nat");
    delete.add("-F " + names.dnatChain());
    delete.add("-F " + names.postroutingChain());
    delete.add("-X " + names.dnatChain());
    delete.add("-X " + names.postroutingChain());
    delete.add("COMMIT");
    NetTools.iptablesRestoreQuietly(delete);
  }

  /** Adds the jumps from the built-in chains that are missing. */
  private void hookIn() {
    List<String> filter = NetTools.iptablesSave("filter");
    List<String> nat = NetTools.iptablesSave("nat");
    for (String[] jump : jumps()) {
      List<String> present = jump[0].equals("filter") ? filter : nat;
      if (!present.contains("-A " + jump[1])) {
        String[] parts = jump[1].split(" ", 2);
        NetTools.iptablesRestore(
            List.of("*" + jump[0], "-I " + parts[0] + " 1 " + parts[1], "COMMIT"));
      }
    }
  }

  /** Table and rule (as iptables-save prints it) of each jump into this node's chains. */
  private List<String[]> jumps() {
    return List.of(
        new String[] {"filter", "FORWARD -j " + names.forwardChain()},
        new String[] {"nat", "PREROUTING -m addrtype --dst-type LOCAL -j " + names.dnatChain()},
        new String[] {"nat", "OUTPUT -m addrtype --dst-type LOCAL -j " + names.dnatChain()},
        new String[] {"nat", "POSTROUTING -j " + names.postroutingChain()});
  }

  private List<String> portLines(String action, List<PublishedPortRow> ports) {
    List<String> lines = new ArrayList<>();
    lines.add("*nat");
    for (PublishedPortRow port : ports) {
      lines.add(action + " " + dnatRule(port));
    }
    lines.add("COMMIT");
    return lines;
  }

  private String dnatRule(PublishedPortRow port) {
    String destination =
        port.hostIp().isEmpty() || port.hostIp().equals("0.0.0.0")
            ? ""
            : " -d " + port.hostIp() + "/32";
    return names.dnatChain()
        + destination
        + " ! -i "
        + port.bridge()
        + " -p "
        + port.protocol()
        + " -m "
        + port.protocol()
        + " --dport "
        + port.hostPort()
        + " -j DNAT --to-destination "
        + port.targetIp()
        + ":"
        + port.containerPort();
  }
}
