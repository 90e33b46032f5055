package io.berth.events.container;

import io.berth.events.Event;

/**
 * A container is gone (Docker's {@code destroy}); the outcome of {@link ContainerRemoveRequested}.
 *
 * @param containerId the container id
 * @param name the name it had
 */
public record ContainerRemoved(String containerId, String name) implements Event {
  public ContainerRemoved {
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
