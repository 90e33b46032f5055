package io.berth.events.network;

import io.berth.events.Checks;
import io.berth.events.Event;
import io.berth.events.container.ContainerIds;

/**
 * A container left a network: by {@link NetworkDisconnectRequested} (its outcome), or when a
 * container on it stopped, as Docker reports {@code disconnect}.
 *
 * @param networkId the network's id
 * @param name the network's name
 * @param containerId the container's id
 */
public record NetworkDisconnected(String networkId, String name, String containerId)
    implements Event {
  public NetworkDisconnected {
    Checks.requireText(networkId, "networkId");
    Checks.requireText(name, "name");
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return networkId;
  }
}
