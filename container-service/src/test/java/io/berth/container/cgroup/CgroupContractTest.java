package io.berth.container.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.events.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Cgroup} implementation must do, checked against the real kernel with real
 * processes; each version's {@code CgroupV*IT} runs it. Every test uses its own parent cgroup,
 * which is removed with everything in it afterwards, even when the test fails.
 */
abstract class CgroupContractTest {

  private static final long MIB = 1024 * 1024;

  /** Appends to a file in a loop of shell builtins, so it forks nothing: a visible counter. */
  private static final String COUNTER = "while :; do echo x >> counter; done";

  @TempDir Path work;

  private String parent;
  private Cgroups cgroups;
  private final List<ShellProcess> processes = new ArrayList<>();

  /** Skips the test, saying exactly why, where this version's hierarchy is not usable. */
  protected abstract void assumeUsable();

  /** The hierarchy under test with this parent, as a freshly started service would find it. */
  protected abstract Cgroups hierarchy(String parent);

  /** The root of every hierarchy the implementation uses. */
  protected abstract List<Path> roots();

  /** Reads the version's own cpu files back. */
  protected abstract void assertCpuWritten(Cgroup cgroup, long quota, long period, long shares);

  @BeforeEach
  void useOwnParent() {
    assumeUsable();
    parent = "berth-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    cgroups = hierarchy(parent + "/containers");
  }

  @AfterEach
  void removeEverything() throws Exception {
    if (cgroups == null) {
      return; // skipped
    }
    for (ShellProcess process : processes) {
      process.close();
    }
    for (String id : cgroups.ids()) {
      cgroups.adopt(id).close();
    }
    for (Path root : roots()) {
      Files.deleteIfExists(root.resolve(parent).resolve("containers"));
      Files.deleteIfExists(root.resolve(parent));
    }
  }

  @Test
  void anAddedProcessIsListedAndCountedInStats() throws IOException {
    Cgroup cgroup = cgroups.create("listed", Limits.none());
    ShellProcess counter = start(COUNTER);

    cgroup.addProcess(counter.pid());
    counter.go();

    assertThat(cgroup.pids()).containsExactly(counter.pid());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              CgroupStats stats = cgroup.stats();
              assertThat(stats.pidsCurrent()).isEqualTo(1);
              assertThat(stats.cpuUsageNanos()).isPositive();
              assertThat(stats.memoryUsageBytes()).isPositive();
              assertThat(stats.memoryLimitBytes()).isEmpty();
              assertThat(stats.memoryInactiveFileBytes()).isBetween(0L, stats.memoryUsageBytes());
            });
  }

  @Test
  void aProcessAllocatingPastTheMemoryLimitIsOomKilled() {
    Cgroup cgroup = cgroups.create("oom", Limits.none().withMemory(32 * MIB));
    assertThat(cgroup.limits().memoryBytes()).hasValue(32 * MIB);
    assertThat(cgroup.limits().memorySwapBytes()).hasValue(32 * MIB);
    assertThat(cgroup.stats().memoryLimitBytes()).hasValue(32 * MIB);
    assertThat(cgroup.oomKilled()).isFalse();
    // tail keeps the "last 10 lines" of a file without newlines: it grows without bound.
    ShellProcess allocator = start("exec tail /dev/zero");

    cgroup.addProcess(allocator.pid());
    allocator.go();

    await().atMost(Duration.ofSeconds(30)).until(() -> !allocator.isAlive());
    assertThat(allocator.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    assertThat(cgroup.oomKilled()).isTrue();
  }

  @Test
  void thePidsLimitHoldsAForkLoop() throws IOException {
    Cgroup cgroup = cgroups.create("forks", Limits.none().withPidsLimit(10));
    ShellProcess forker =
        start("i=0; while [ $i -lt 50 ]; do sleep 60 & i=$((i+1)); done; echo all-forked; wait");

    cgroup.addProcess(forker.pid());
    forker.go();

    await().atMost(Duration.ofSeconds(10)).until(() -> cgroup.pids().size() >= 9);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> cgroup.stats().pidsCurrent() <= 10 && cgroup.pids().size() <= 10);
    assertThat(cgroup.limits().pidsLimit()).hasValue(10);
    assertThat(Files.readString(work.resolve("output"))).doesNotContain("all-forked");
  }

  @Test
  void freezeStopsACounterAndThawResumesIt() throws IOException {
    Cgroup cgroup = cgroups.create("frozen", Limits.none());
    ShellProcess counter = start(COUNTER);
    cgroup.addProcess(counter.pid());
    counter.go();
    await().atMost(Duration.ofSeconds(10)).until(() -> counterSize() > 0);

    cgroup.freeze();

    assertThat(cgroup.frozen()).isTrue();
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
  void cpuQuotaAndSharesAreWritten() {
    Cgroup cgroup = cgroups.create("cpu", Limits.none().withCpus(0.5).withCpuShares(512));

    assertCpuWritten(cgroup, 50_000, 100_000, 512);
    assertThat(cgroup.limits().cpuQuotaMicros()).hasValue(50_000);
    assertThat(cgroup.limits().cpuPeriodMicros()).hasValue(100_000);

    cgroup.applyLimits(Limits.none().withCpuQuota(150_000, 50_000).withCpuShares(2048));

    assertCpuWritten(cgroup, 150_000, 50_000, 2048);
  }

  @Test
  void memoryLimitsCanBeRaisedAndLowered() {
    Cgroup cgroup = cgroups.create("memory", Limits.none().withMemory(64 * MIB));

    cgroup.applyLimits(Limits.none().withMemory(128 * MIB));
    assertThat(cgroup.limits().memoryBytes()).hasValue(128 * MIB);
    assertThat(cgroup.limits().memorySwapBytes()).hasValue(128 * MIB);

    cgroup.applyLimits(Limits.none().withMemory(16 * MIB));
    assertThat(cgroup.limits().memoryBytes()).hasValue(16 * MIB);
    assertThat(cgroup.limits().memorySwapBytes()).hasValue(16 * MIB);
  }

  @Test
  void aHandleAdoptedAfterARestartSeesTheSamePidsAndLimits() {
    Limits limits =
        Limits.none().withMemory(64 * MIB).withCpus(0.5).withCpuShares(1024).withPidsLimit(20);
    Cgroup original = cgroups.create("adopted", limits);
    ShellProcess counter = start(COUNTER);
    original.addProcess(counter.pid());
    counter.go();

    Cgroups restarted = hierarchy(parent + "/containers");
    Cgroup adopted = restarted.adopt("adopted");

    assertThat(restarted.ids()).containsExactly("adopted");
    assertThat(adopted.directories()).isEqualTo(original.directories());
    assertThat(adopted.pids()).containsExactly(counter.pid());
    assertThat(adopted.limits()).isEqualTo(original.limits());
    assertThat(adopted.limits().memoryBytes()).hasValue(64 * MIB);
    assertThat(adopted.limits().cpuQuotaMicros()).hasValue(50_000);
    assertThat(adopted.limits().pidsLimit()).hasValue(20);
  }

  @Test
  void deleteLeavesNoDirectoryInAnyHierarchy() {
    Cgroup cgroup = cgroups.create("deleted", Limits.none().withPidsLimit(5));
    ShellProcess process = start("sleep 60 & wait");
    cgroup.addProcess(process.pid());
    process.go();

    assertThatThrownBy(cgroup::delete)
        .isInstanceOfSatisfying(
            CgroupException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
        .hasMessageContaining("still holds processes");
    cgroup.killAll();
    assertThat(cgroup.pids()).isEmpty();
    cgroup.delete();

    for (Path root : roots()) {
      assertThat(root.resolve(parent).resolve("containers").resolve("deleted")).doesNotExist();
    }
    assertThat(cgroup.directories()).allSatisfy(dir -> assertThat(dir).doesNotExist());
    assertThat(cgroups.exists("deleted")).isFalse();
    cgroup.delete();
    cgroup.close();
  }

  @Test
  void closeKillsWhatIsLeftIncludingChildrenAndRemovesTheCgroup() {
    Cgroup cgroup = cgroups.create("closed", Limits.none());
    ShellProcess process = start("sleep 60 & sleep 60 & wait");
    cgroup.addProcess(process.pid());
    process.go();
    await().atMost(Duration.ofSeconds(10)).until(() -> cgroup.pids().size() == 3);

    cgroup.close();

    await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    assertThat(cgroup.directories()).allSatisfy(dir -> assertThat(dir).doesNotExist());
  }

  @Test
  void badInputIsRefusedWithAClearError() {
    assertRefused(() -> Limits.none().withMemory(-1), ErrorCode.INVALID_ARGUMENT, "-1");
    assertRefused(() -> Limits.none().withPidsLimit(-5), ErrorCode.INVALID_ARGUMENT, "-5");
    assertRefused(() -> Limits.none().withCpus(-0.5), ErrorCode.INVALID_ARGUMENT, "-0.5");
    assertRefused(() -> Limits.none().withCpuShares(-2), ErrorCode.INVALID_ARGUMENT, "-2");
    assertRefused(
        () -> cgroups.create("../escape", Limits.none()), ErrorCode.INVALID_ARGUMENT, "../escape");
    assertRefused(() -> cgroups.adopt("unknown"), ErrorCode.NOT_FOUND, "unknown");

    Cgroup cgroup = cgroups.create("twice", Limits.none());
    assertRefused(() -> cgroups.create("twice", Limits.none()), ErrorCode.ALREADY_EXISTS, "twice");
    assertRefused(() -> cgroup.addProcess(999_999_999), ErrorCode.NOT_FOUND, "\"999999999\" to ");
  }

  private static void assertRefused(Runnable call, ErrorCode code, String naming) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(CgroupException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(naming);
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
