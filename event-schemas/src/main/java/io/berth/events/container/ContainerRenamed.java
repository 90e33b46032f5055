package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A container has a new name (Docker's {@code rename}); the outcome of {@link
 * ContainerRenameRequested}.
 *
 * @param containerId the container id
 * @param oldName the name it had, without a leading slash
 * @param newName the name it has now, without a leading slash
 */
public record ContainerRenamed(String containerId, String oldName, String newName)
    implements Event {
  public ContainerRenamed {
    ContainerIds.requireId(containerId);
    Checks.requireText(oldName, "oldName");
    Checks.requireText(newName, "newName");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
