package io.berth.events.container;

import io.berth.events.Event;

/**
 * Every process of a container is frozen (Docker's {@code pause}); the outcome of {@link
 * ContainerPauseRequested}.
 *
 * @param containerId the container id
 */
public record ContainerPaused(String containerId) implements Event {
  public ContainerPaused {
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
