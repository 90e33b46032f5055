package io.berth.container.cgroup;

import io.berth.events.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Containers' cgroups on the v1 hierarchies, one directory {@code <mount>/<parent>/<id>} per
 * controller (<a href="https://docs.kernel.org/admin-guide/cgroup-v1/cgroups.html">cgroups v1</a>).
 */
final class CgroupsV1 implements Cgroups {

  /** The controllers a container needs: limits, accounting and pause. */
  static final List<String> CONTROLLERS = List.of("memory", "cpu", "cpuacct", "pids", "freezer");

  private final Map<String, Path> mounts;
  private final String parent;

  /**
   * @param mounts each controller's hierarchy mount point (co-mounted ones share one)
   * @param parent the parent cgroup
   */
  CgroupsV1(Map<String, Path> mounts, String parent) {
    this.mounts = Map.copyOf(mounts);
    this.parent = CgroupNames.requireParent(parent);
    if (!this.mounts.keySet().containsAll(CONTROLLERS)) {
      throw new IllegalArgumentException("need mounts for " + CONTROLLERS + ", got " + mounts);
    }
  }

  @Override
  public CgroupVersion version() {
    return CgroupVersion.V1;
  }

  @Override
  public String parent() {
    return parent;
  }

  @Override
  public Cgroup create(String id, Limits limits) {
    Objects.requireNonNull(limits, "limits");
    Map<String, Path> dirs = directoriesOf(id);
    if (dirs.values().stream().anyMatch(Files::exists)) {
      throw new CgroupException(
          ErrorCode.ALREADY_EXISTS,
          "cgroup " + id + " already exists under " + parent,
          dirs.get("memory"),
          null);
    }
    List<Path> made = new ArrayList<>();
    try {
      for (Path dir : dirs.values().stream().distinct().toList()) {
        CgroupFiles.mkdirs(dir.getParent());
        CgroupFiles.mkdir(dir);
        made.add(dir);
      }
      CgroupV1 cgroup = new CgroupV1(id, dirs);
      cgroup.applyLimits(limits);
      return cgroup;
    } catch (RuntimeException e) {
      Collections.reverse(made);
      for (Path dir : made) {
        try {
          CgroupFiles.rmdir(dir);
        } catch (CgroupException undo) {
          e.addSuppressed(undo);
        }
      }
      throw e;
    }
  }

  /**
   * Adopts the cgroup when it exists in any hierarchy, recreating a directory a crash between
   * {@code mkdir}s left missing so that closing it cleans up everywhere.
   */
  @Override
  public Cgroup adopt(String id) {
    Map<String, Path> dirs = directoriesOf(id);
    if (!exists(id)) {
      throw new CgroupException(
          ErrorCode.NOT_FOUND,
          "no cgroup for " + id + " under " + parent + ": " + dirs.get("memory") + " is missing",
          dirs.get("memory"),
          null);
    }
    dirs.values().stream().filter(dir -> !Files.exists(dir)).forEach(CgroupFiles::mkdirs);
    return new CgroupV1(id, dirs);
  }

  @Override
  public boolean exists(String id) {
    return directoriesOf(id).values().stream().anyMatch(Files::isDirectory);
  }

  @Override
  public List<String> ids() {
    return CgroupFiles.children(mounts.get("memory").resolve(parent));
  }

  private Map<String, Path> directoriesOf(String id) {
    CgroupNames.requireId(id);
    Map<String, Path> dirs = new LinkedHashMap<>();
    for (String controller : CONTROLLERS) {
      dirs.put(controller, mounts.get(controller).resolve(parent).resolve(id));
    }
    return dirs;
  }

  @Override
  public String toString() {
    return "cgroup v1 " + mounts + " parent " + parent;
  }
}
