package io.berth.events.network;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to remove a network ({@code docker network rm}); refused while a container is connected.
 *
 * @param network the network's name, id or unique id prefix
 */
public record NetworkRemoveRequested(String network) implements Command {
  public NetworkRemoveRequested {
    Checks.requireText(network, "network");
  }

  @Override
  public String subject() {
    return network;
  }
}
