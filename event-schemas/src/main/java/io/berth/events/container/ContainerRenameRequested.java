package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to give a container a new name ({@code docker rename}).
 *
 * @param containerId the container's full id
 * @param newName the new name, without a leading slash
 */
public record ContainerRenameRequested(String containerId, String newName) implements Command {
  public ContainerRenameRequested {
    ContainerIds.requireId(containerId);
    Checks.requireText(newName, "newName");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
