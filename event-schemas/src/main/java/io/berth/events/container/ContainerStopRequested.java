package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to stop a container ({@code docker stop}): send the stop signal, wait, then kill.
 *
 * @param containerId the container's full id
 * @param timeoutSeconds seconds to wait before killing, or null for the container's stop timeout
 *     (10 seconds by default); -1 waits forever
 * @param signal the signal to send first, or null for the container's stop signal
 */
public record ContainerStopRequested(String containerId, Integer timeoutSeconds, String signal)
    implements Command {
  public ContainerStopRequested {
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
