package io.berth.container.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 handle's core interface files, which every cgroup2 mount has even when its controllers are
 * bound to v1 (a hybrid host like systemd's): {@code cgroup.procs}, {@code cgroup.freeze} with
 * {@code cgroup.events}, {@code cgroup.kill} and {@code rmdir}. So the v2 code runs for real here
 * even where {@link CgroupV2IT} has to skip.
 */
class CgroupV2CoreIT {

  @TempDir Path work;

  private Path parent;
  private CgroupV2 cgroup;
  private final List<ShellProcess> processes = new ArrayList<>();

  @BeforeEach
  void createBareV2Cgroup() {
    Kernel.assumeLinuxAsRoot();
    Optional<Path> unified =
        MountInfo.read(Path.of("/proc/self/mountinfo")).stream()
            .filter(m -> m.fsType().equals("cgroup2"))
            .map(MountInfo::mountPoint)
            .findFirst();
    assumeTrue(unified.isPresent(), "no cgroup2 file system is mounted here");
    parent =
        unified
            .get()
            .resolve(
                "berth-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    CgroupFiles.mkdir(parent);
    CgroupFiles.mkdir(parent.resolve("core"));
    cgroup = new CgroupV2("core", parent.resolve("core"));
  }

  @AfterEach
  void removeEverything() throws Exception {
    for (ShellProcess process : processes) {
      process.close();
    }
    if (cgroup != null) {
      cgroup.close();
      Files.deleteIfExists(parent);
    }
  }

  @Test
  void freezeStopsACounterAndThawResumesIt() throws IOException {
    ShellProcess counter = start("while :; do echo x >> counter; done");
    cgroup.addProcess(counter.pid());
    counter.go();
    assertThat(cgroup.pids()).containsExactly(counter.pid());
    await().atMost(Duration.ofSeconds(10)).until(() -> counterSize() > 0);

    cgroup.freeze();

    assertThat(cgroup.frozen()).isTrue();
    assertThat(CgroupFiles.readKey(parent.resolve("core/cgroup.events"), "frozen")).isEqualTo(1);
    long frozenAt = counterSize();
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> counterSize() == frozenAt);

    cgroup.thaw();

    assertThat(cgroup.frozen()).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> counterSize() > frozenAt);
  }

  @Test
  void killAllKillsEveryProcessAndDeleteRemovesTheDirectory() {
    ShellProcess process = start("sleep 60 & sleep 60 & wait");
    cgroup.addProcess(process.pid());
    process.go();
    await().atMost(Duration.ofSeconds(10)).until(() -> cgroup.pids().size() == 3);

    cgroup.killAll();

    assertThat(cgroup.pids()).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    cgroup.delete();
    assertThat(parent.resolve("core")).doesNotExist();
  }

  private ShellProcess start(String script) {
    ShellProcess process = ShellProcess.start(script, work);
    processes.add(process);
    return process;
  }

  private long counterSize() throws IOException {
    Path counter = work.resolve("counter");
    return Files.exists(counter) ? Files.size(counter) : 0;
  }
}
