package io.berth.launcher.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.launcher.linux.Linux;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reaper against the real kernel: this test JVM becomes a child subreaper, and a shell that
 * starts a background job and exits orphans the job to it, as a dying container-service orphans its
 * containers to the supervisor.
 */
class OrphanReaperIT {

  @TempDir Path dataDir;

  private final Object spawning = new Object();
  private final Set<Long> own = ConcurrentHashMap.newKeySet();
  private final Set<Long> orphans = ConcurrentHashMap.newKeySet();
  private ExitFiles exits;
  private OrphanReaper reaper;

  @BeforeAll
  static void becomeSubreaper() {
    assumeTrue(
        System.getProperty("os.name").equals("Linux"),
        "needs Linux: prctl(PR_SET_CHILD_SUBREAPER), pidfds");
    assumeTrue(OrphanReaper.becomeSubreaper(), "the kernel refused PR_SET_CHILD_SUBREAPER");
  }

  @BeforeEach
  void setUp() {
    // Children that already exist (from other tests in this JVM) are not this test's orphans.
    own.addAll(OrphanReaper.children());
    exits = ExitFiles.under(dataDir);
    reaper =
        new OrphanReaper(
            exits,
            scan -> {
              synchronized (spawning) {
                scan.accept(new HashSet<>(own));
              }
            });
  }

  @AfterEach
  void killLeftovers() {
    orphans.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    // Let the reaper record them before the temporary directory goes.
    await().atMost(Duration.ofSeconds(5)).until(() -> reaper.watched().isEmpty());
  }

  @Test
  void recordsTheExitCodeOfAnOrphanThatExits() throws Exception {
    assertThat(Linux.isChildSubreaper()).isTrue();
    long pid = orphan("sleep 0.3; exit 7");
    long startTime = ProcStat.of(pid).orElseThrow().startTime();

    assertThat(reaper.adoptOrphans()).containsExactly(pid);

    Path file = exits.file(pid, startTime);
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file));
    assertThat(Files.readString(file))
        .startsWith(
            "{\"pid\":"
                + pid
                + ",\"startTime\":"
                + startTime
                + ",\"exitCode\":7,\"signal\":0,"
                + "\"status\":\"exited\",\"reapedAt\":\"");
    assertThat(ProcessHandle.of(pid)).isEmpty(); // reaped, not left a zombie
  }

  @Test
  void recordsAnOrphanEndedBySigtermAs143() throws Exception {
    long pid = orphan("exec sleep 30");
    long startTime = ProcStat.of(pid).orElseThrow().startTime();
    reaper.adoptOrphans();

    new ProcessBuilder("kill", "-TERM", String.valueOf(pid)).start().waitFor();

    Path file = exits.file(pid, startTime);
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file));
    assertThat(Files.readString(file))
        .contains("\"exitCode\":143,\"signal\":15,\"status\":\"killed\"");
  }

  @Test
  void adoptsOrphansOfALaterCrashOnItsNextScanAndEachOnlyOnce() throws Exception {
    long first = orphan("exec sleep 30");
    assertThat(reaper.adoptOrphans()).containsExactly(first);

    long second = orphan("exec sleep 30");
    assertThat(reaper.adoptOrphans()).containsExactly(second);
    assertThat(reaper.watched()).contains(first, second);
  }

  @Test
  void leavesTheJvmsOwnChildrenToTheJvm() throws Exception {
    Process child;
    synchronized (spawning) {
      child = new ProcessBuilder("sh", "-c", "exec sleep 30").start();
      own.add(child.pid());
    }

    assertThat(reaper.adoptOrphans()).doesNotContain(child.pid());

    child.destroy();
    assertThat(child.waitFor()).isEqualTo(143); // the JVM, not the reaper, got its status
  }

  /** Runs {@code script} in the background of a shell that exits at once; returns the job's pid. */
  private long orphan(String script) throws IOException, InterruptedException {
    Process shell;
    synchronized (spawning) {
      shell =
          new ProcessBuilder(
                  "sh", "-c", "(" + script + ") </dev/null >/dev/null 2>&1 & echo $!; exit 0")
              .start();
      own.add(shell.pid());
    }
    long pid;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))) {
      pid = Long.parseLong(out.readLine().trim());
    }
    assertThat(shell.waitFor()).isZero();
    orphans.add(pid);
    assertThat(ProcStat.of(pid).orElseThrow().ppid()).isEqualTo(ProcessHandle.current().pid());
    return pid;
  }
}
