package io.berth.events.container;

import io.berth.events.Event;

/**
 * The kernel's out-of-memory killer killed a process of a container (Docker's {@code oom});
 * observed by the container-service from the cgroup's memory events.
 *
 * @param containerId the container id
 */
public record ContainerOom(String containerId) implements Event {
  public ContainerOom {
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
