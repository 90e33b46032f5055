package io.berth.events.container;

import io.berth.events.Command;

/**
 * Asks to thaw a paused container's processes ({@code docker unpause}).
 *
 * @param containerId the container's full id
 */
public record ContainerUnpauseRequested(String containerId) implements Command {
  public ContainerUnpauseRequested {
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
