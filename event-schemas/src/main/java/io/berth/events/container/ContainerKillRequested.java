package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to send a signal to a running container's first process ({@code docker kill}).
 *
 * @param containerId the container's full id
 * @param signal the signal, by name ({@code SIGKILL}, {@code KILL}) or number; null means {@code
 *     SIGKILL}
 */
public record ContainerKillRequested(String containerId, String signal) implements Command {
  public ContainerKillRequested {
    ContainerIds.requireId(containerId);
    signal = signal == null ? "SIGKILL" : Checks.requireText(signal, "signal");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
