package io.berth.container.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoTest {

  @Test
  void readsRootMountPointTypeAndSuperOptions() {
    MountInfo mount =
        MountInfo.parseLine(
            "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory");

    assertThat(mount.root()).isEqualTo("/");
    assertThat(mount.mountPoint()).isEqualTo(Path.of("/sys/fs/cgroup/memory"));
    assertThat(mount.fsType()).isEqualTo("cgroup");
    assertThat(mount.superOptions()).containsExactlyInAnyOrder("rw", "memory");
  }

  @Test
  void skipsOptionalFieldsUpToTheSeparator() {
    MountInfo mount =
        MountInfo.parseLine(
            "29 23 0:26 /docker/abc /sys/fs/cgroup rw,nosuid,nodev shared:4 master:1 - cgroup2"
                + " cgroup2 rw,nsdelegate,memory_recursiveprot");

    assertThat(mount.root()).isEqualTo("/docker/abc");
    assertThat(mount.mountPoint()).isEqualTo(Path.of("/sys/fs/cgroup"));
    assertThat(mount.fsType()).isEqualTo("cgroup2");
    assertThat(mount.superOptions()).contains("nsdelegate");
  }

  @Test
  void undoesTheKernelsOctalEscapes() {
    MountInfo mount =
        MountInfo.parseLine("40 31 0:37 / /mnt/with\\040space rw - cgroup cgroup rw,cpu,cpuacct");

    assertThat(mount.mountPoint()).isEqualTo(Path.of("/mnt/with space"));
    assertThat(mount.superOptions()).contains("cpu", "cpuacct").doesNotContain("cpuset");
    assertThat(MountInfo.unescape("a\\134b\\011c")).isEqualTo("a\\b\tc");
  }

  @Test
  void skipsBlankLinesAndRefusesMalformedOnes() {
    assertThat(MountInfo.parse(List.of("", "1 0 0:1 / / rw - ext4 /dev/vda rw"))).hasSize(1);
    assertThatThrownBy(() -> MountInfo.parseLine("1 0 0:1 / / rw ext4"))
        .isInstanceOf(CgroupException.class)
        .hasMessageContaining("malformed mountinfo line: 1 0 0:1 / / rw ext4");
  }
}
