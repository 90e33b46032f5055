package io.berth.events.container;

import io.berth.events.Event;
import java.util.List;

/**
 * An exec instance is ready to start (Docker's {@code exec_create}); the outcome of {@link
 * ContainerExecCreateRequested}.
 *
 * @param containerId the container id
 * @param execId the exec id
 * @param cmd the command it will run
 */
public record ContainerExecCreated(String containerId, String execId, List<String> cmd)
    implements Event {
  public ContainerExecCreated {
    ContainerIds.requireId(containerId);
    ContainerIds.requireExecId(execId);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
