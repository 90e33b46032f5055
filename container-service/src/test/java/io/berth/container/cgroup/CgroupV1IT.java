package io.berth.container.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cgroup contract on the v1 hierarchies, for real; skips saying why where there are none. */
class CgroupV1IT extends CgroupContractTest {

  @Override
  protected void assumeUsable() {
    Kernel.assumeLinuxAsRoot();
    try {
      Cgroups.v1(Cgroups.DEFAULT_PARENT);
    } catch (CgroupException e) {
      assumeTrue(false, "cgroup v1 is not usable here: " + e.getMessage());
    }
  }

  @Override
  protected Cgroups hierarchy(String parent) {
    return Cgroups.v1(parent);
  }

  /** Every mounted v1 hierarchy that holds a controller Berth uses, read independently. */
  @Override
  protected List<Path> roots() {
    return MountInfo.read(Path.of("/proc/self/mountinfo")).stream()
        .filter(m -> m.fsType().equals("cgroup"))
        .filter(m -> !Collections.disjoint(m.superOptions(), CgroupsV1.CONTROLLERS))
        .map(MountInfo::mountPoint)
        .distinct()
        .toList();
  }

  /** {@code cpu.cfs_quota_us}, {@code cpu.cfs_period_us} and {@code cpu.shares} as given. */
  @Override
  protected void assertCpuWritten(Cgroup cgroup, long quota, long period, long shares) {
    Path cpu = directoryWith(cgroup, "cpu.shares");
    assertThat(cpu.resolve("cpu.cfs_quota_us")).hasContent(Long.toString(quota));
    assertThat(cpu.resolve("cpu.cfs_period_us")).hasContent(Long.toString(period));
    assertThat(cpu.resolve("cpu.shares")).hasContent(Long.toString(shares));
  }

  @Test
  void onlyAMemoryLimitSetsMemoryPlusSwapToTheSameValue() throws IOException {
    Cgroups cgroups = hierarchy("berth-it-memsw");
    try (Cgroup cgroup = cgroups.create("memsw", Limits.none().withMemory(48L << 20))) {
      Path memory = directoryWith(cgroup, "memory.limit_in_bytes");
      assertThat(memory.resolve("memory.limit_in_bytes")).hasContent(Long.toString(48L << 20));
      assertThat(memory.resolve("memory.memsw.limit_in_bytes"))
          .hasContent(Long.toString(48L << 20));
    } finally {
      for (Path root : roots()) {
        Files.deleteIfExists(root.resolve("berth-it-memsw"));
      }
    }
  }

  private static Path directoryWith(Cgroup cgroup, String file) {
    return cgroup.directories().stream()
        .filter(dir -> Files.exists(dir.resolve(file)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + file + " in " + cgroup.directories()));
  }
}
