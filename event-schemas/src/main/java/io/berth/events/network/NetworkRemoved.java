package io.berth.events.network;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A network, its bridge and its rules are gone (Docker's {@code destroy}); the outcome of {@link
 * NetworkRemoveRequested}, and one per network a prune removed.
 *
 * @param networkId the network's id
 * @param name its name
 */
public record NetworkRemoved(String networkId, String name) implements Event {
  public NetworkRemoved {
    Checks.requireText(networkId, "networkId");
    Checks.requireText(name, "name");
  }

  @Override
  public String subject() {
    return networkId;
  }
}
