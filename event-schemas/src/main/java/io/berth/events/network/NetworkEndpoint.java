package io.berth.events.network;

import io.berth.events.Checks;
import java.util.List;

/**
 * A container's place on a network: its interface's addresses and the names others find it by.
 *
 * @param networkId the network's id
 * @param networkName the network's name
 * @param containerId the container's id
 * @param containerName the container's name
 * @param ipAddress its IPv4 address, empty while it does not run
 * @param prefixLength the subnet's prefix length
 * @param gateway the network's gateway address
 * @param macAddress its interface's MAC address, empty while it does not run
 * @param aliases the extra names given with {@code --network-alias}
 */
public record NetworkEndpoint(
    String networkId,
    String networkName,
    String containerId,
    String containerName,
    String ipAddress,
    int prefixLength,
    String gateway,
    String macAddress,
    List<String> aliases) {

  public NetworkEndpoint {
    Checks.requireText(networkId, "networkId");
    Checks.requireText(networkName, "networkName");
    Checks.requireText(containerId, "containerId");
    containerName = containerName == null ? "" : containerName;
    ipAddress = ipAddress == null ? "" : ipAddress;
    gateway = gateway == null ? "" : gateway;
    macAddress = macAddress == null ? "" : macAddress;
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }
}
