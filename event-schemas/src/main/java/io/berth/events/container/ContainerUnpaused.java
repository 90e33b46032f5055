package io.berth.events.container;

import io.berth.events.Event;

/**
 * A paused container's processes run again (Docker's {@code unpause}); the outcome of {@link
 * ContainerUnpauseRequested}.
 *
 * @param containerId the container id
 */
public record ContainerUnpaused(String containerId) implements Event {
  public ContainerUnpaused {
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
