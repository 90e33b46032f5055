package io.berth.container.cgroup;

import java.nio.file.Path;
import java.util.List;

/**
 * A handle on one container's cgroup, on cgroup v1 or v2 alike; get one from {@link Cgroups}.
 *
 * <p>The handle holds no kernel resource of its own: a new handle for the same id (after a service
 * restart) sees the same cgroup. Closing it releases the cgroup itself: whatever still runs in it
 * is killed and its directories are removed, so a cgroup the service should leave running (a
 * container that outlives the service) is simply not closed.
 */
public interface Cgroup extends AutoCloseable {

  /** The container's id, which names the cgroup's directory. */
  String id();

  /** The cgroup interface this handle drives. */
  CgroupVersion version();

  /** The cgroup's directories: one per mounted v1 hierarchy, or the single v2 one. */
  List<Path> directories();

  /**
   * Moves a process (all its threads) into the cgroup; its later children are born in it.
   *
   * @param pid the process id as this process sees it
   * @throws CgroupException {@code NOT_FOUND} when there is no such process
   */
  void addProcess(long pid);

  /**
   * Writes the given limits; absent ones keep their current value.
   *
   * @param limits the limits to set
   * @throws CgroupException naming the file and value the kernel refused
   */
  void applyLimits(Limits limits);

  /**
   * The limits the kernel holds now; values that are the kernel's defaults (no limit, default
   * shares or weight) come back absent. On v2, shares are derived from {@code cpu.weight} and come
   * back as the largest shares that map to that weight (1024 stays 1024).
   */
  Limits limits();

  /**
   * Freezes every task and returns once the kernel reports the cgroup frozen.
   *
   * @throws CgroupException {@code UNAVAILABLE} when it does not freeze in time; it is thawed again
   */
  void freeze();

  /** Thaws the cgroup's tasks again. */
  void thaw();

  /** Whether the cgroup is frozen now. */
  boolean frozen();

  /** The processes in the cgroup now (thread group ids), in the kernel's order. */
  List<Long> pids();

  /** The cgroup's counters now. */
  CgroupStats stats();

  /** Whether the kernel's OOM killer has killed a task of this cgroup since it was created. */
  boolean oomKilled();

  /**
   * Sends SIGKILL to every process in the cgroup and waits until it is empty; a fork racing the
   * kill cannot escape it.
   *
   * @throws CgroupException {@code UNAVAILABLE} when processes are still there after the wait
   */
  void killAll();

  /**
   * Removes the cgroup in every hierarchy; already-removed directories are fine.
   *
   * @throws CgroupException {@code FAILED_PRECONDITION} when processes are still in it
   */
  void delete();

  /** Kills what is left in the cgroup and deletes it; does nothing once it is gone. */
  @Override
  void close();
}
