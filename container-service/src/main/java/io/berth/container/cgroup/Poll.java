package io.berth.container.cgroup;

import io.berth.events.ErrorCode;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Re-checks a kernel state until it holds, with a pause growing from 0.1 ms to 10 ms, as runc polls
 * {@code freezer.state} and {@code cgroup.events}.
 */
final class Poll {

  private static final long FIRST_PAUSE_NANOS = 100_000;
  private static final long LONGEST_PAUSE_NANOS = 10_000_000;

  private Poll() {}

  /**
   * Whether the condition held within the timeout.
   *
   * @throws CgroupException if the thread is interrupted while waiting
   */
  static boolean until(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_PAUSE_NANOS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      LockSupport.parkNanos(pause);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new CgroupException(ErrorCode.UNAVAILABLE, "interrupted while waiting for a cgroup");
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
    }
    return true;
  }
}
