package io.berth.container.keeper;

import io.berth.container.linux.ExitStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * How a container process ended while no container-service was there to see it, as the supervisor
 * recorded it when it reaped the orphan ({@code $BERTH_DATA_DIR/container-service/exits/
 * <pid>-<startTime>.json}).
 *
 * @param pid the process id
 * @param startTime field 22 of its {@code /proc/<pid>/stat}: with the pid, names one process
 * @param status its exit code as Docker reports it (the status, or 128 + signal) and the signal
 * @param reapedAt when the supervisor reaped it
 */
public record ExitRecord(long pid, long startTime, ExitStatus status, Instant reapedAt) {

  /** Validates. */
  public ExitRecord {
    if (pid <= 0 || startTime < 0) {
      throw new IllegalArgumentException("pid " + pid + ", start time " + startTime);
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reapedAt, "reapedAt");
  }

  /** Docker's exit code: the exit status, or 128 + the signal that ended the process. */
  public int exitCode() {
    return status.code();
  }

  /** Whether a signal ended it. */
  public boolean killed() {
    return status.signaled();
  }
}
