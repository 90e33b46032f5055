package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.util.List;

/**
 * Asks to prepare a command to run in a running container ({@code POST /containers/{id}/exec}).
 *
 * @param containerId the container's full id
 * @param execId the 64-hex id the gateway chose for the exec instance
 * @param cmd the command and its arguments; not empty
 * @param env extra {@code NAME=value} entries
 * @param user {@code uid[:gid]} or names, or null for the container's user
 * @param workingDir the working directory, or null for the container's
 * @param tty whether a pseudo-terminal is allocated
 * @param attachStdin whether stdin is attached
 * @param attachStdout whether stdout is attached
 * @param attachStderr whether stderr is attached
 * @param privileged whether the process gets every capability
 */
public record ContainerExecCreateRequested(
    String containerId,
    String execId,
    List<String> cmd,
    List<String> env,
    String user,
    String workingDir,
    boolean tty,
    boolean attachStdin,
    boolean attachStdout,
    boolean attachStderr,
    boolean privileged)
    implements Command {
  public ContainerExecCreateRequested {
    ContainerIds.requireId(containerId);
    ContainerIds.requireExecId(execId);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    if (cmd.isEmpty()) {
      throw new IllegalArgumentException("cmd must not be empty");
    }
    env = env == null ? List.of() : List.copyOf(env);
    Checks.optionalText(user, "user");
    Checks.optionalText(workingDir, "workingDir");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
