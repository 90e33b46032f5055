package io.berth.events.network;

import io.berth.events.Checks;
import io.berth.events.Event;
import io.berth.events.container.ContainerIds;

/**
 * A container is connected to a network: by {@link NetworkConnectRequested} (its outcome), or when
 * a container on it starts, as Docker reports {@code connect}.
 *
 * @param networkId the network's id
 * @param name the network's name
 * @param containerId the container's id
 */
public record NetworkConnected(String networkId, String name, String containerId) implements Event {
  public NetworkConnected {
    Checks.requireText(networkId, "networkId");
    Checks.requireText(name, "name");
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return networkId;
  }
}
