package io.berth.events.container;

import io.berth.events.Event;
import java.time.Instant;
import java.util.Objects;

/**
 * A container was stopped on request (Docker's {@code stop}); the outcome of {@link
 * ContainerStopRequested}, published after the {@link ContainerDied} it caused.
 *
 * @param containerId the container id
 * @param exitCode the exit code of its first process
 * @param finishedAt when the process ended
 * @param alreadyStopped whether it was not running before the request, so nothing changed (Docker
 *     answers {@code 304 Not Modified})
 */
public record ContainerStopped(
    String containerId, int exitCode, Instant finishedAt, boolean alreadyStopped) implements Event {
  public ContainerStopped {
    ContainerIds.requireId(containerId);
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
