package io.berth.container.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cgroup contract on the unified v2 hierarchy, for real wherever one offers the memory, cpu and
 * pids controllers; elsewhere it skips with the detector's reason (say, a hybrid host whose
 * controllers are bound to v1).
 */
class CgroupV2IT extends CgroupContractTest {

  private Path unified;

  @Override
  protected void assumeUsable() {
    Kernel.assumeLinuxAsRoot();
    try {
      Cgroups.v2(Cgroups.DEFAULT_PARENT);
    } catch (CgroupException e) {
      assumeTrue(false, "cgroup v2 is not usable here: " + e.getMessage());
    }
    unified =
        MountInfo.read(Path.of("/proc/self/mountinfo")).stream()
            .filter(m -> m.fsType().equals("cgroup2"))
            .map(MountInfo::mountPoint)
            .filter(CgroupV2IT::offersBerthsControllers)
            .findFirst()
            .orElseThrow();
  }

  @Override
  protected Cgroups hierarchy(String parent) {
    return Cgroups.v2(parent);
  }

  @Override
  protected List<Path> roots() {
    return List.of(unified);
  }

  /** {@code cpu.max} as "$MAX $PERIOD" and {@code cpu.weight} by runc's formula from shares. */
  @Override
  protected void assertCpuWritten(Cgroup cgroup, long quota, long period, long shares) {
    Path dir = cgroup.directories().get(0);
    assertThat(dir.resolve("cpu.max")).hasContent(quota + " " + period);
    long weight = 1 + ((shares - 2) * 9999) / 262142;
    assertThat(dir.resolve("cpu.weight")).hasContent(Long.toString(weight));
  }

  @Test
  void onlyAMemoryLimitLeavesNoSwap() {
    Cgroups cgroups = hierarchy("berth-it-swap");
    try (Cgroup cgroup = cgroups.create("swap", Limits.none().withMemory(48L << 20))) {
      Path dir = cgroup.directories().get(0);
      assertThat(dir.resolve("memory.max")).hasContent(Long.toString(48L << 20));
      if (Files.exists(dir.resolve("memory.swap.max"))) {
        assertThat(dir.resolve("memory.swap.max")).hasContent("0");
      }
    } finally {
      try {
        Files.deleteIfExists(unified.resolve("berth-it-swap"));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static boolean offersBerthsControllers(Path mountPoint) {
    try {
      return List.of(Files.readString(mountPoint.resolve("cgroup.controllers")).strip().split(" "))
          .containsAll(CgroupsV2.CONTROLLERS);
    } catch (IOException e) {
      return false;
    }
  }
}
