package io.berth.container.linux;

import java.time.Duration;

/**
 * Where the time of one {@link NamespacedSpawner#spawn} went, measured with {@link
 * System#nanoTime()}.
 *
 * @param handoff from the call to the spawner thread taking the request up
 * @param prepare building the file actions, attributes, argv and environment in native memory
 * @param isolate unshare(2), making the new mount table private, sethostname(2)
 * @param spawn posix_spawnp(3): glibc's child shares the parent's memory (CLONE_VM|CLONE_VFORK), so
 *     the call returns only once the child has executed the program
 * @param restore setns(2) back to the saved namespaces and pidfd_open(2)
 */
public record StartTimings(
    Duration handoff, Duration prepare, Duration isolate, Duration spawn, Duration restore) {

  /** From the call to the child running the program. */
  public Duration untilRunning() {
    return handoff.plus(prepare).plus(isolate).plus(spawn);
  }

  /** From the call to the handle being ready, the spawner thread home again. */
  public Duration total() {
    return untilRunning().plus(restore);
  }

  static StartTimings between(
      long called, long pickedUp, long prepared, long isolated, long spawned, long restored) {
    return new StartTimings(
        Duration.ofNanos(pickedUp - called),
        Duration.ofNanos(prepared - pickedUp),
        Duration.ofNanos(isolated - prepared),
        Duration.ofNanos(spawned - isolated),
        Duration.ofNanos(restored - spawned));
  }
}
