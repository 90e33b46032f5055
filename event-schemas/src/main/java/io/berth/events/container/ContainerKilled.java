package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A signal was delivered to a container's first process (Docker's {@code kill}); the outcome of
 * {@link ContainerKillRequested}. Whether the process ends is told by a later {@link
 * ContainerDied}.
 *
 * @param containerId the container id
 * @param signal the signal sent, as asked
 */
public record ContainerKilled(String containerId, String signal) implements Event {
  public ContainerKilled {
    ContainerIds.requireId(containerId);
    Checks.requireText(signal, "signal");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
