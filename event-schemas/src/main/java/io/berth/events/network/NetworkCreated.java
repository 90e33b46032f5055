package io.berth.events.network;

import io.berth.events.Event;
import java.util.Objects;

/**
 * A network exists: its bridge is up and its rules are in place; the outcome of {@link
 * NetworkCreateRequested}.
 *
 * @param network the network
 */
public record NetworkCreated(NetworkDescriptor network) implements Event {
  public NetworkCreated {
    Objects.requireNonNull(network, "network");
  }

  @Override
  public String subject() {
    return network.networkId();
  }
}
