package io.berth.events.network;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to remove every user-defined network no container is connected to ({@code docker network
 * prune}).
 *
 * @param requestId the gateway's id for this prune, also the record key
 */
public record NetworkPruneRequested(String requestId) implements Command {
  public NetworkPruneRequested {
    Checks.requireText(requestId, "requestId");
  }

  @Override
  public String subject() {
    return requestId;
  }
}
