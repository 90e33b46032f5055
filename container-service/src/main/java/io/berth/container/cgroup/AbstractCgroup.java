package io.berth.container.cgroup;

import io.berth.events.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the v1 and v2 handles share: killing, deleting and closing a cgroup. */
abstract class AbstractCgroup implements Cgroup {

  /** How long killed processes may take to leave, and a freeze to settle. */
  static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);

  /** How long {@code rmdir} may keep answering EBUSY after the last task left. */
  private static final Duration RMDIR_TIMEOUT = Duration.ofSeconds(2);

  private final String id;

  AbstractCgroup(String id) {
    this.id = CgroupNames.requireId(id);
  }

  @Override
  public final String id() {
    return id;
  }

  /** The {@code cgroup.procs} file this handle lists processes from. */
  abstract Path procsFile();

  @Override
  public List<Long> pids() {
    return CgroupFiles.readPids(procsFile());
  }

  @Override
  public void killAll() {
    if (!exists()) {
      return;
    }
    signalKill();
    if (!Poll.until(this::killRemaining, SETTLE_TIMEOUT)) {
      throw new CgroupException(
          ErrorCode.UNAVAILABLE,
          "processes " + pids() + " of cgroup " + id + " are still alive after SIGKILL",
          procsFile(),
          null);
    }
  }

  /**
   * Sends SIGKILL to every process, frozen first so that a fork racing the signal cannot escape it
   * (runc's {@code signalAllProcesses}); a frozen task dies once thawed.
   */
  void signalKill() {
    boolean frozen = false;
    try {
      // Never with a thread of this JVM inside (a start thread that joined the cgroup and has not
      // ended yet): a frozen JVM thread holds every safepoint, and with it the thaw, for ever.
      if (!pids().contains(ProcessHandle.current().pid())) {
        freeze();
        frozen = true;
      }
    } catch (CgroupException e) {
      // A cgroup that will not freeze is killed all the same; the polling loop catches stragglers.
    }
    try {
      killRemaining();
    } finally {
      if (frozen) {
        thaw();
      }
    }
  }

  /** Signals the processes listed now; whether none were left. */
  private boolean killRemaining() {
    List<Long> pids = pids();
    long self = ProcessHandle.current().pid();
    for (long pid : pids) {
      if (pid != self) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    return pids.isEmpty();
  }

  @Override
  public void delete() {
    List<Path> existing = existingDirectories();
    List<Long> left = new ArrayList<>();
    for (Path dir : existing) {
      left.addAll(CgroupFiles.readPids(dir.resolve("cgroup.procs")));
    }
    if (!left.isEmpty()) {
      throw new CgroupException(
          ErrorCode.FAILED_PRECONDITION,
          "cgroup " + id + " still holds processes " + left + "; kill them before deleting it",
          existing.get(0),
          null);
    }
    for (Path dir : existing) {
      rmdir(dir);
    }
  }

  /** Removes one directory, retrying while the kernel still reports the cgroup busy. */
  private static void rmdir(Path dir) {
    CgroupException[] last = new CgroupException[1];
    boolean removed =
        Poll.until(
            () -> {
              try {
                CgroupFiles.rmdir(dir);
                return true;
              } catch (CgroupException e) {
                if (e.code() != ErrorCode.FAILED_PRECONDITION) {
                  throw e;
                }
                last[0] = e;
                return false;
              }
            },
            RMDIR_TIMEOUT);
    if (!removed) {
      throw last[0];
    }
  }

  @Override
  public void close() {
    if (exists()) {
      killAll();
      delete();
    }
  }

  /** Whether any of the cgroup's directories is still there. */
  final boolean exists() {
    return !existingDirectories().isEmpty();
  }

  private List<Path> existingDirectories() {
    return directories().stream().filter(Files::isDirectory).toList();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + directories();
  }
}
