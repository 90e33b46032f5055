package io.berth.events.container;

import io.berth.events.Command;

/**
 * Asks to remove a container ({@code docker rm}).
 *
 * @param containerId the container's full id (the gateway resolves names and prefixes)
 * @param force kill it first if it runs ({@code -f})
 * @param removeVolumes remove its anonymous volumes too ({@code -v})
 */
public record ContainerRemoveRequested(String containerId, boolean force, boolean removeVolumes)
    implements Command {
  public ContainerRemoveRequested {
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
