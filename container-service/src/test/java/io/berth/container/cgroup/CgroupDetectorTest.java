package io.berth.container.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Detection from mount tables that have no cgroup2 mount, so nothing is read from the file system;
 * a real v2 hierarchy is detected in {@link CgroupsIT}.
 */
class CgroupDetectorTest {

  private static final String ROOT = "22 1 252:1 / / rw,relatime - ext4 /dev/vda rw";

  @Test
  void findsV1ControllersCoMountedOrNot() {
    CgroupDetector detector =
        detector(
            ROOT,
            "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct",
            "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory",
            "37 31 0:34 / /sys/fs/cgroup/freezer rw - cgroup cgroup rw,freezer",
            "39 31 0:36 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids");

    Cgroups cgroups = detector.detect("berth");

    assertThat(cgroups.version()).isEqualTo(CgroupVersion.V1);
    assertThat(cgroups.parent()).isEqualTo("berth");
  }

  @Test
  void namesTheMissingV1ControllersAndTheMissingCgroup2() {
    CgroupDetector detector =
        detector(ROOT, "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory");

    assertThatThrownBy(() -> detector.detect("berth"))
        .isInstanceOfSatisfying(
            CgroupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining("no cgroup2 file system is mounted")
        .hasMessageContaining(
            "no cgroup v1 hierarchy is mounted for the cpu, cpuacct, pids, freezer");
  }

  @Test
  void aCpusetMountIsNotTheCpuController() {
    CgroupDetector detector =
        detector(
            "34 31 0:31 / /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset",
            "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory");

    assertThatThrownBy(() -> detector.v1("berth")).hasMessageContaining("for the cpu, cpuacct");
  }

  @Test
  void refusesAParentThatCouldEscapeTheHierarchy() {
    CgroupDetector detector = detector(ROOT);

    for (String parent : List.of("", "..", "/berth", "berth/../..", "berth/", "a b")) {
      assertThatThrownBy(() -> detector.detect(parent))
          .as(parent)
          .isInstanceOfSatisfying(
              CgroupException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
  }

  private static CgroupDetector detector(String... lines) {
    return new CgroupDetector(MountInfo.parse(List.of(lines)));
  }
}
