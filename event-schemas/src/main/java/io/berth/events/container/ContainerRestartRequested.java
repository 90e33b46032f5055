package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to stop a container if it runs and start it again ({@code docker restart}).
 *
 * @param containerId the container's full id
 * @param timeoutSeconds seconds to wait for the stop before killing, or null for the container's
 *     stop timeout; -1 waits forever
 * @param signal the stop signal, or null for the container's stop signal
 */
public record ContainerRestartRequested(String containerId, Integer timeoutSeconds, String signal)
    implements Command {
  public ContainerRestartRequested {
    ContainerIds.requireId(containerId);
    if (timeoutSeconds != null && timeoutSeconds < -1) {
      throw new IllegalArgumentException(
          "timeoutSeconds must be -1 or more, was " + timeoutSeconds);
    }
    Checks.optionalText(signal, "signal");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
