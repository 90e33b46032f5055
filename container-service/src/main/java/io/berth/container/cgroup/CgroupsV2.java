package io.berth.container.cgroup;

import io.berth.events.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Containers' cgroups on the unified v2 hierarchy, at {@code <mount>/<parent>/<id>}, with the
 * controllers enabled down the parent chain (<a
 * href="https://docs.kernel.org/admin-guide/cgroup-v2.html#enabling-and-disabling">cgroup-v2,
 * "Enabling and Disabling"</a>).
 */
final class CgroupsV2 implements Cgroups {

  /** The controllers a container needs; freezing is built into every v2 cgroup. */
  static final List<String> CONTROLLERS = List.of("memory", "cpu", "pids");

  private final Path mountPoint;
  private final String parent;

  CgroupsV2(Path mountPoint, String parent) {
    this.mountPoint = Objects.requireNonNull(mountPoint, "mountPoint");
    this.parent = CgroupNames.requireParent(parent);
  }

  @Override
  public CgroupVersion version() {
    return CgroupVersion.V2;
  }

  @Override
  public String parent() {
    return parent;
  }

  @Override
  public Cgroup create(String id, Limits limits) {
    Objects.requireNonNull(limits, "limits");
    Path dir = directoryOf(id);
    if (Files.exists(dir)) {
      throw new CgroupException(
          ErrorCode.ALREADY_EXISTS, "cgroup " + dir + " already exists", dir, null);
    }
    enableControllersDownTo(dir.getParent());
    CgroupFiles.mkdir(dir);
    try {
      CgroupV2 cgroup = new CgroupV2(id, dir);
      cgroup.applyLimits(limits);
      return cgroup;
    } catch (RuntimeException e) {
      try {
        CgroupFiles.rmdir(dir);
      } catch (CgroupException undo) {
        e.addSuppressed(undo);
      }
      throw e;
    }
  }

  /**
   * Creates the parent chain and enables the controllers in {@code cgroup.subtree_control} of the
   * root and every parent, top-down, since a controller is only available in a child whose parent
   * enabled it.
   */
  private void enableControllersDownTo(Path parentDir) {
    Path level = mountPoint;
    enableControllers(level);
    for (Path segment : mountPoint.relativize(parentDir)) {
      level = level.resolve(segment);
      if (!Files.isDirectory(level)) {
        CgroupFiles.mkdir(level);
      }
      enableControllers(level);
    }
  }

  private static void enableControllers(Path dir) {
    Path subtreeControl = dir.resolve("cgroup.subtree_control");
    Set<String> enabled = Set.copyOf(Arrays.asList(CgroupFiles.read(subtreeControl).split(" ")));
    String missing =
        CONTROLLERS.stream()
            .filter(c -> !enabled.contains(c))
            .map(c -> "+" + c)
            .collect(Collectors.joining(" "));
    if (missing.isEmpty()) {
      return;
    }
    try {
      CgroupFiles.write(subtreeControl, missing);
    } catch (CgroupException e) {
      if (e.code() != ErrorCode.FAILED_PRECONDITION) {
        throw e;
      }
      // https://docs.kernel.org/admin-guide/cgroup-v2.html#no-internal-process-constraint: only a
      // cgroup without processes of its own
      // may hand controllers down, as when Berth runs in the root of a cgroup namespace.
      throw new CgroupException(
          ErrorCode.FAILED_PRECONDITION,
          e.getMessage()
              + " (a non-root cgroup v2 cgroup that holds processes cannot enable controllers for"
              + " its children; move those processes into a child cgroup)",
          subtreeControl,
          e);
    }
  }

  @Override
  public Cgroup adopt(String id) {
    Path dir = directoryOf(id);
    if (!Files.isDirectory(dir)) {
      throw new CgroupException(
          ErrorCode.NOT_FOUND, "no cgroup for " + id + ": " + dir + " is missing", dir, null);
    }
    return new CgroupV2(id, dir);
  }

  @Override
  public boolean exists(String id) {
    return Files.isDirectory(directoryOf(id));
  }

  @Override
  public List<String> ids() {
    return CgroupFiles.children(mountPoint.resolve(parent));
  }

  private Path directoryOf(String id) {
    return mountPoint.resolve(parent).resolve(CgroupNames.requireId(id));
  }

  @Override
  public String toString() {
    return "cgroup v2 " + mountPoint + " parent " + parent;
  }
}
