package io.berth.events.network;

import io.berth.events.Checks;
import io.berth.events.Command;
import io.berth.events.container.ContainerIds;

/**
 * Asks to disconnect a container from a network ({@code docker network disconnect}).
 *
 * @param network the network's name, id or unique id prefix
 * @param containerId the container's full id
 * @param force accepted as Docker accepts it; a disconnect always goes ahead
 */
public record NetworkDisconnectRequested(String network, String containerId, boolean force)
    implements Command {
  public NetworkDisconnectRequested {
    Checks.requireText(network, "network");
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return network;
  }
}
