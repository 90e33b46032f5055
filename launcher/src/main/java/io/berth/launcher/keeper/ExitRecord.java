package io.berth.launcher.keeper;

import io.berth.launcher.linux.ExitStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * How an adopted process ended, as written to {@code <pid>-<startTime>.json} in the exits
 * directory: {@code
 * {"pid":..,"startTime":..,"exitCode":..,"signal":..,"status":"exited|killed","reapedAt":"..."}}.
 *
 * @param pid the process id
 * @param startTime field 22 of its {@code /proc/<pid>/stat}, read before it was reaped
 * @param status its exit status (Docker's exit code: the status, or 128 + signal)
 * @param reapedAt when the keeper reaped it
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

  /** The file name, {@code <pid>-<startTime>.json}. */
  public String fileName() {
    return fileName(pid, startTime);
  }

  /** The file name of the record of one process. */
  public static String fileName(long pid, long startTime) {
    return pid + "-" + startTime + ".json";
  }

  /** The record as one line of JSON (all values are numbers or fixed words: nothing to escape). */
  public String toJson() {
    return "{\"pid\":"
        + pid
        + ",\"startTime\":"
        + startTime
        + ",\"exitCode\":"
        + status.code()
        + ",\"signal\":"
        + status.signal()
        + ",\"status\":\""
        + (status.signaled() ? "killed" : "exited")
        + "\",\"reapedAt\":\""
        + reapedAt
        + "\"}";
  }
}
