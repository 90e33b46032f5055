package io.berth.events.container;

import io.berth.events.Command;

/**
 * Asks to freeze every process of a running container with the cgroup freezer ({@code docker
 * pause}).
 *
 * @param containerId the container's full id
 */
public record ContainerPauseRequested(String containerId) implements Command {
  public ContainerPauseRequested {
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
