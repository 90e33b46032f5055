package io.berth.events.container;

import io.berth.events.Command;

/**
 * Asks to run a created exec instance ({@code POST /exec/{id}/start}).
 *
 * @param containerId the full id of the container the exec belongs to
 * @param execId the exec id
 * @param detach whether the client does not attach to its streams
 * @param tty whether a pseudo-terminal is allocated
 */
public record ContainerExecStartRequested(
    String containerId, String execId, boolean detach, boolean tty) implements Command {
  public ContainerExecStartRequested {
    ContainerIds.requireId(containerId);
    ContainerIds.requireExecId(execId);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
