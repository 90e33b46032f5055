package io.berth.container.cgroup;

import io.berth.events.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the cgroup hierarchies in a mount table: the unified v2 one whose {@code
 * cgroup.controllers} offers what Berth needs, or the v1 hierarchies named by their super options.
 */
final class CgroupDetector {

  private static final Path SELF_MOUNTINFO = Path.of("/proc/self/mountinfo");

  private final List<MountInfo> mounts;

  CgroupDetector(List<MountInfo> mounts) {
    this.mounts = List.copyOf(mounts);
  }

  static CgroupDetector fromProc() {
    return new CgroupDetector(MountInfo.read(SELF_MOUNTINFO));
  }

  /** v2 when usable, else v1; otherwise why neither is. */
  Cgroups detect(String parent) {
    CgroupNames.requireParent(parent);
    try {
      return v2(parent);
    } catch (CgroupException v2Problem) {
      try {
        return v1(parent);
      } catch (CgroupException v1Problem) {
        CgroupException neither =
            new CgroupException(
                ErrorCode.UNAVAILABLE,
                "no usable cgroups: " + v2Problem.getMessage() + "; " + v1Problem.getMessage());
        neither.addSuppressed(v2Problem);
        neither.addSuppressed(v1Problem);
        throw neither;
      }
    }
  }

  /** The first cgroup2 mount whose {@code cgroup.controllers} lists every needed controller. */
  CgroupsV2 v2(String parent) {
    CgroupNames.requireParent(parent);
    List<String> problems = new ArrayList<>();
    for (MountInfo mount : mounts) {
      if (!mount.fsType().equals("cgroup2")) {
        continue;
      }
      Path controllersFile = mount.mountPoint().resolve("cgroup.controllers");
      Set<String> available =
          Set.copyOf(Arrays.asList(CgroupFiles.read(controllersFile).split("\\s+")));
      List<String> lacking =
          CgroupsV2.CONTROLLERS.stream().filter(c -> !available.contains(c)).toList();
      if (lacking.isEmpty()) {
        return new CgroupsV2(mount.mountPoint(), parent);
      }
      problems.add(
          "cgroup v2 at "
              + mount.mountPoint()
              + " lacks the "
              + String.join(", ", lacking)
              + " controller(s) in "
              + controllersFile
              + " (it offers: \""
              + String.join(" ", available).strip()
              + "\")"
              + boundToV1(lacking));
    }
    if (problems.isEmpty()) {
      problems.add("no cgroup2 file system is mounted (none in " + SELF_MOUNTINFO + ")");
    }
    throw new CgroupException(ErrorCode.UNAVAILABLE, String.join("; ", problems));
  }

  /** One mount per needed v1 controller, preferring mounts of a hierarchy's root. */
  CgroupsV1 v1(String parent) {
    CgroupNames.requireParent(parent);
    Map<String, Path> found = new LinkedHashMap<>();
    mounts.stream()
        .filter(m -> m.fsType().equals("cgroup"))
        .sorted(Comparator.comparing(m -> !m.root().equals("/")))
        .forEach(
            m ->
                CgroupsV1.CONTROLLERS.stream()
                    .filter(m.superOptions()::contains)
                    .forEach(c -> found.putIfAbsent(c, m.mountPoint())));
    List<String> missing =
        CgroupsV1.CONTROLLERS.stream().filter(c -> !found.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new CgroupException(
          ErrorCode.UNAVAILABLE,
          "no cgroup v1 hierarchy is mounted for the "
              + String.join(", ", missing)
              + " controller(s) (none in "
              + SELF_MOUNTINFO
              + ")");
    }
    return new CgroupsV1(found, parent);
  }

  /** Says so when the controllers v2 lacks are held by v1 hierarchies, which explains why. */
  private String boundToV1(List<String> lacking) {
    List<String> bound =
        lacking.stream()
            .filter(
                c ->
                    mounts.stream()
                        .anyMatch(m -> m.fsType().equals("cgroup") && m.superOptions().contains(c)))
            .toList();
    return bound.isEmpty()
        ? ""
        : "; " + String.join(", ", bound) + " are bound to cgroup v1 hierarchies";
  }
}
