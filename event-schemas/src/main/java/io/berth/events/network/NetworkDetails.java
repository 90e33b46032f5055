package io.berth.events.network;

import java.util.List;
import java.util.Objects;

/**
 * A network with the containers connected to it.
 *
 * @param network the network
 * @param endpoints its endpoints
 */
public record NetworkDetails(NetworkDescriptor network, List<NetworkEndpoint> endpoints) {
  public NetworkDetails {
    Objects.requireNonNull(network, "network");
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }
}
