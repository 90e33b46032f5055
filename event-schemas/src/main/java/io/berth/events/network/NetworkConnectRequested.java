package io.berth.events.network;

import io.berth.events.Checks;
import io.berth.events.Command;
import io.berth.events.container.ContainerIds;
import java.util.List;

/**
 * Asks to connect a container to a network ({@code docker network connect}); a running container
 * gets its interface at once, a stopped one at its next start.
 *
 * @param network the network's name, id or unique id prefix
 * @param containerId the container's full id
 * @param aliases extra names on this network ({@code --alias})
 */
public record NetworkConnectRequested(String network, String containerId, List<String> aliases)
    implements Command {
  public NetworkConnectRequested {
    Checks.requireText(network, "network");
    ContainerIds.requireId(containerId);
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  @Override
  public String subject() {
    return network;
  }
}
