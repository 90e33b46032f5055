package io.berth.events.network;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.List;

/**
 * The outcome of {@link NetworkPruneRequested}; each removed network also has its {@link
 * NetworkRemoved}.
 *
 * @param requestId the prune's id
 * @param names the names of the networks removed
 */
public record NetworksPruned(String requestId, List<String> names) implements Event {
  public NetworksPruned {
    Checks.requireText(requestId, "requestId");
    names = names == null ? List.of() : List.copyOf(names);
  }

  @Override
  public String subject() {
    return requestId;
  }
}
