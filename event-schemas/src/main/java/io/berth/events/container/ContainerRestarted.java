package io.berth.events.container;

import io.berth.events.Event;
import java.time.Instant;
import java.util.Objects;

/**
 * A container was stopped (if it ran) and started again (Docker's {@code restart}); the outcome of
 * {@link ContainerRestartRequested}.
 *
 * @param containerId the container id
 * @param pid the host process id of its new first process
 * @param startedAt when the new process started
 */
public record ContainerRestarted(String containerId, long pid, Instant startedAt) implements Event {
  public ContainerRestarted {
    ContainerIds.requireId(containerId);
    if (pid < 1) {
      throw new IllegalArgumentException("pid must be positive, was " + pid);
    }
    Objects.requireNonNull(startedAt, "startedAt");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
