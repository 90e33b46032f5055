package io.berth.container.network;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A container's connection to a network, with its allocation while it runs.
 *
 * @param id {@code containerId/networkId}
 * @param containerId the container
 * @param networkId the network
 * @param aliases its aliases on the network as JSON
 * @param ipAddress its address while it runs, else null
 * @param macAddress its MAC address while it runs, else null
 * @param veth the host end of its veth pair while it runs, else null
 */
@MappedEntity("network_endpoint")
public record EndpointRow(
    @Id String id,
    String containerId,
    String networkId,
    String aliases,
    @Nullable String ipAddress,
    @Nullable String macAddress,
    @Nullable String veth) {

  static String idOf(String containerId, String networkId) {
    return containerId + "/" + networkId;
  }

  /** Without its allocation. */
  EndpointRow released() {
    return new EndpointRow(id, containerId, networkId, aliases, null, null, null);
  }
}
