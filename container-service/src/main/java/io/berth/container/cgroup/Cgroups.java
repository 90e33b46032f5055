package io.berth.container.cgroup;

import java.util.List;

/**
 * Where Berth keeps its containers' cgroups: the hierarchy found at start-up (v2 when a unified
 * hierarchy offers the memory, cpu and pids controllers, else v1) and a parent cgroup under it,
 * {@code berth} by default, so a container lives at {@code /sys/fs/cgroup/memory/berth/<id>} (v1)
 * or {@code <unified>/berth/<id>} (v2).
 *
 * <p>Mounts are read from {@code /proc/self/mountinfo} (<a
 * href="https://man7.org/linux/man-pages/man5/proc_pid_mountinfo.5.html">proc_pid_mountinfo(5)</a>),
 * not from fixed paths.
 */
public interface Cgroups {

  /** The parent cgroup Berth uses unless configured otherwise. */
  String DEFAULT_PARENT = "berth";

  /**
   * The usable cgroup hierarchy, v2 preferred, with the default parent.
   *
   * @return the hierarchy
   * @throws CgroupException {@code UNAVAILABLE}, naming what is missing for either version
   */
  static Cgroups detect() {
    return detect(DEFAULT_PARENT);
  }

  /**
   * The usable cgroup hierarchy, v2 preferred.
   *
   * @param parent the parent cgroup's path under each hierarchy's root, such as {@code berth}
   * @return the hierarchy
   * @throws CgroupException {@code UNAVAILABLE}, naming what is missing for either version
   */
  static Cgroups detect(String parent) {
    return CgroupDetector.fromProc().detect(parent);
  }

  /**
   * The cgroup v1 hierarchies, whether or not v2 is usable too.
   *
   * @param parent the parent cgroup's path under each hierarchy's root
   * @return the hierarchy
   * @throws CgroupException {@code UNAVAILABLE}, naming the controllers that are not mounted
   */
  static Cgroups v1(String parent) {
    return CgroupDetector.fromProc().v1(parent);
  }

  /**
   * The unified cgroup v2 hierarchy.
   *
   * @param parent the parent cgroup's path under the unified root
   * @return the hierarchy
   * @throws CgroupException {@code UNAVAILABLE}, naming the mount and the controllers it lacks
   */
  static Cgroups v2(String parent) {
    return CgroupDetector.fromProc().v2(parent);
  }

  /** The cgroup interface in use. */
  CgroupVersion version();

  /** The parent cgroup containers live under. */
  String parent();

  /**
   * Creates a container's cgroup with its limits; nothing is left behind when that fails.
   *
   * @param id the container id, one path segment
   * @param limits the limits to write
   * @return the handle
   * @throws CgroupException {@code ALREADY_EXISTS} when it exists, {@code INVALID_ARGUMENT} for a
   *     bad id or a value the kernel refuses
   */
  Cgroup create(String id, Limits limits);

  /**
   * A handle on an existing container's cgroup, as after a service restart.
   *
   * @param id the container id
   * @return the handle
   * @throws CgroupException {@code NOT_FOUND} when there is no such cgroup
   */
  Cgroup adopt(String id);

  /** Whether a container's cgroup exists. */
  boolean exists(String id);

  /** The ids of all cgroups under the parent, sorted, for reconciling after a restart. */
  List<String> ids();
}
