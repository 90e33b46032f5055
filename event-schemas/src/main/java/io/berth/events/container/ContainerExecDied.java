package io.berth.events.container;

import io.berth.events.Event;

/**
 * An exec instance's process ended (Docker's {@code exec_die}); observed by the container-service,
 * not asked for.
 *
 * @param containerId the container id
 * @param execId the exec id
 * @param exitCode its exit code; 128 + the signal number if a signal ended it
 */
public record ContainerExecDied(String containerId, String execId, int exitCode) implements Event {
  public ContainerExecDied {
    ContainerIds.requireId(containerId);
    ContainerIds.requireExecId(execId);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
