package io.berth.events.container;

import io.berth.events.Event;

/**
 * An exec instance's process runs in its container (Docker's {@code exec_start}); the outcome of
 * {@link ContainerExecStartRequested}.
 *
 * @param containerId the container id
 * @param execId the exec id
 * @param pid the host process id of the exec's process
 */
public record ContainerExecStarted(String containerId, String execId, long pid) implements Event {
  public ContainerExecStarted {
    ContainerIds.requireId(containerId);
    ContainerIds.requireExecId(execId);
    if (pid < 1) {
      throw new IllegalArgumentException("pid must be positive, was " + pid);
    }
  }

  @Override
  public String subject() {
    return containerId;
  }
}
