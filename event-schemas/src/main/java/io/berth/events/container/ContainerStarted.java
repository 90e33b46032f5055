package io.berth.events.container;

import io.berth.events.Event;
import java.time.Instant;
import java.util.Objects;

/**
 * A container's process runs (Docker's {@code start}); the outcome of {@link
 * ContainerStartRequested}.
 *
 * @param containerId the container id
 * @param pid the process id of its first process, as the host sees it
 * @param startedAt when the process started
 * @param alreadyRunning whether it was running before the request, so nothing changed (Docker
 *     answers {@code 304 Not Modified})
 */
public record ContainerStarted(
    String containerId, long pid, Instant startedAt, boolean alreadyRunning) implements Event {
  public ContainerStarted {
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
