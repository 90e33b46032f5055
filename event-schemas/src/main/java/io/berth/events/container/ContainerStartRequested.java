package io.berth.events.container;

import io.berth.events.Command;

/**
 * Asks the container-service to start a created or exited container ({@code docker start}).
 *
 * @param containerId the container's full id (the gateway resolves names and prefixes)
 */
public record ContainerStartRequested(String containerId) implements Command {
  public ContainerStartRequested {
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
