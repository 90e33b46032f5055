package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Event;
import io.berth.events.Since;
import java.time.Instant;
import java.util.Objects;

/**
 * A container's first process ended (Docker's {@code die}); observed by the container-service,
 * whatever the cause.
 *
 * <p>Schema version 2 added {@code oomKilled}. A version 1 payload lacks it and decodes as {@code
 * false}: version 1 producers reported out-of-memory kills only through {@link ContainerOom}.
 *
 * @param containerId the container id
 * @param exitCode the exit code; 128 + the signal number if a signal ended it
 * @param oomKilled whether the kernel's out-of-memory killer ended it; absent in version 1, read as
 *     false
 * @param finishedAt when the process ended
 * @param error why the container-service could not run or watch the process, or null
 */
public record ContainerDied(
    String containerId, int exitCode, @Since(2) Boolean oomKilled, Instant finishedAt, String error)
    implements Event {
  public ContainerDied {
    ContainerIds.requireId(containerId);
    oomKilled = oomKilled != null && oomKilled;
    Objects.requireNonNull(finishedAt, "finishedAt");
    Checks.optionalText(error, "error");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
