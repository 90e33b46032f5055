package io.berth.container.linux;

import static io.berth.container.linux.KernelTests.BUSYBOX;
import static io.berth.container.linux.LinuxConstants.ENOENT;
import static io.berth.container.linux.LinuxConstants.SIGKILL;
import static io.berth.container.linux.LinuxConstants.SIGTERM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Processes started by {@link NamespacedSpawner}, observed through the kernel. The spike does not
 * mount a /proc for the new pid namespace, so /proc in the child is still the host's: evidence here
 * comes from syscalls answered per namespace ({@code $$} is getpid(2), {@code hostname} is
 * uname(2)), from namespace links, and from the host's /proc/PID/status NSpid line.
 */
class NamespacedSpawnerIT {

  private static final Duration EXIT = Duration.ofSeconds(10);

  private static final Pattern KEY_VALUE = Pattern.compile("([a-z0-9]+)=(.*)");
  private static final Pattern NET_DEV_ROW = Pattern.compile("\\s*([\\w.-]+):\\s*\\d.*");

  private static NamespacedSpawner spawner;

  @TempDir Path dir;

  @BeforeAll
  static void kernel() {
    KernelTests.assumeRootOnLinux();
    spawner = new NamespacedSpawner();
  }

  @AfterAll
  static void closeSpawner() {
    if (spawner != null) {
      spawner.close();
    }
  }

  @Test
  void theChildIsPidOneWithTheNewHostnameAndOnlyLoopback() throws Exception {
    String hostHostname = Files.readString(Path.of("/proc/sys/kernel/hostname"));
    Path out = dir.resolve("out");
    String script =
        "echo pid=$$;"
            + " echo hostname=$(/bin/busybox hostname);"
            + " echo pidns=$(/bin/busybox readlink /proc/self/ns/pid);"
            + " echo netns=$(/bin/busybox readlink /proc/self/ns/net);"
            + " echo proc1=$(/bin/busybox cat /proc/1/comm);"
            + " echo sysnet=$(/bin/busybox ls /sys/class/net);"
            + " /bin/busybox cat /proc/self/net/dev";
    SpawnSpec spec =
        SpawnSpec.of(BUSYBOX, "sh", "-c", script).withHostname("berth-spike").withOutput(out, out);

    try (NamespacedProcess process = spawner.spawn(spec)) {
      assertThat(process.waitFor(EXIT)).isEqualTo(ExitStatus.exited(0));
    }

    List<String> lines = KernelTests.lines(out);
    Map<String, String> said = keyValues(lines);
    assertThat(said.get("pid")).isEqualTo("1");
    assertThat(said.get("hostname")).isEqualTo("berth-spike");
    assertThat(said.get("pidns")).isNotEqualTo(KernelTests.link("/proc/self/ns/pid"));
    assertThat(said.get("netns")).isNotEqualTo(KernelTests.link("/proc/self/ns/net"));
    // /proc is the host's in this spike: its pid 1 is the host's init, not the child.
    assertThat(said.get("proc1")).isEqualTo(Files.readString(Path.of("/proc/1/comm")).strip());
    // /proc/self/net follows the reader's network namespace even on the host's /proc.
    assertThat(interfaces(lines)).containsExactly("lo");
    // sysfs shows the network namespace of whoever mounted it: the host's /sys is no evidence.
    assertThat(said.get("sysnet").split(" ")).containsExactlyInAnyOrder(hostInterfaces());
    assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname"))).isEqualTo(hostHostname);
  }

  @Test
  void theKernelListsTheChildAsPidOneInSixNewNamespacesAndAsThisJvmsChild() {
    try (NamespacedProcess process = spawner.spawn(SpawnSpec.of(BUSYBOX, "sleep", "600"))) {
      String status = "/proc/" + process.pid() + "/status";
      assertThat(KernelTests.statusField(status, "NSpid").split("\\s+"))
          .containsExactly(String.valueOf(process.pid()), "1");
      assertThat(KernelTests.statusField(status, "PPid"))
          .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
      Map<String, String> child = KernelTests.namespaceLinks(String.valueOf(process.pid()));
      Map<String, String> jvm = KernelTests.namespaceLinks("self");
      for (Namespace namespace : Namespace.values()) {
        assertThat(child.get(namespace.procName()))
            .as(namespace.procName())
            .isNotEqualTo(jvm.get(namespace.procName()));
      }
      assertThat(child.get("user")).isEqualTo(jvm.get("user"));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void theExitCodeComesBack(int code) throws Exception {
    try (NamespacedProcess process =
        spawner.spawn(SpawnSpec.of(BUSYBOX, "sh", "-c", "exit " + code))) {
      assertThat(process.waitFor(EXIT)).isEqualTo(ExitStatus.exited(code));
    }
  }

  @Test
  void sigkillEndsPidOneWith137() throws Exception {
    try (NamespacedProcess process = spawner.spawn(SpawnSpec.of(BUSYBOX, "sleep", "600"))) {
      process.kill(SIGKILL);
      ExitStatus status = process.waitFor(EXIT);
      assertThat(status.code()).isEqualTo(137);
      assertThat(status.signal()).isEqualTo(SIGKILL);
    }
  }

  @Test
  void sigtermReachesPidOneOnlyThroughAHandlerItInstalled() throws Exception {
    try (NamespacedProcess process = spawner.spawn(SpawnSpec.of(BUSYBOX, "sleep", "600"))) {
      process.kill(SIGTERM);
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !process.onExit().isDone());
    }
    Path out = dir.resolve("out");
    String script = "trap 'exit 42' TERM; echo ready; /bin/busybox sleep 600 & wait";
    try (NamespacedProcess process =
        spawner.spawn(SpawnSpec.of(BUSYBOX, "sh", "-c", script).withOutput(out, out))) {
      await().atMost(EXIT).until(() -> Files.readString(out).contains("ready"));
      process.kill(SIGTERM);
      assertThat(process.waitFor(EXIT)).isEqualTo(ExitStatus.exited(42));
    }
  }

  @Test
  void theSpawnerThreadIsBackInItsNamespacesAndCanStartThreads() throws Exception {
    try (NamespacedSpawner fresh = new NamespacedSpawner()) {
      Map<String, String> before = fresh.callOnSpawnerThread(KernelTests::threadNamespaces);
      try (NamespacedProcess process = fresh.spawn(SpawnSpec.of(BUSYBOX, "true"))) {
        assertThat(process.waitFor(EXIT)).isEqualTo(ExitStatus.exited(0));
      }

      assertThat(fresh.callOnSpawnerThread(KernelTests::threadNamespaces))
          .isEqualTo(before)
          .isEqualTo(KernelTests.threadNamespaces())
          .containsEntry("pid_for_children", before.get("pid"));
      assertThat(fresh.callOnSpawnerThread(() -> KernelTests.link("/proc/thread-self/cwd")))
          .isEqualTo(KernelTests.link("/proc/self/cwd"));
      assertThat(fresh.callOnSpawnerThread(NamespacedSpawnerIT::startAndJoinAThread)).isTrue();
    }
  }

  @Test
  void aMissingProgramFailsNamingPosixSpawnpAndLeavesTheSpawnerUsable() throws Exception {
    assertThatThrownBy(() -> spawner.spawn(SpawnSpec.of("/no/such/program", "arg")))
        .isInstanceOfSatisfying(
            LinuxException.class,
            e -> {
              assertThat(e.call()).isEqualTo("posix_spawnp");
              assertThat(e.errno()).isEqualTo(ENOENT);
            })
        .hasMessageStartingWith("posix_spawnp(file=/no/such/program, argv=/no/such/program arg)");

    assertThat(spawner.callOnSpawnerThread(KernelTests::threadNamespaces))
        .isEqualTo(KernelTests.threadNamespaces());
    try (NamespacedProcess process = spawner.spawn(SpawnSpec.of(BUSYBOX, "true"))) {
      assertThat(process.waitFor(EXIT)).isEqualTo(ExitStatus.exited(0));
    }
  }

  @Test
  void closingAHandleKillsEverythingInItsPidNamespace() throws Exception {
    Path out = dir.resolve("out");
    String script = "/bin/busybox sleep 600 & echo $!; wait";
    int grandchildHostPid;
    try (NamespacedProcess process =
        spawner.spawn(SpawnSpec.of(BUSYBOX, "sh", "-c", script).withOutput(out, out))) {
      await().atMost(EXIT).until(() -> !Files.readString(out).isBlank());
      assertThat(Files.readString(out).strip()).isEqualTo("2");
      grandchildHostPid = childrenOf(process.pid()).get(0);
    }
    // pid 1's exit is reported only after the kernel has killed and released the rest.
    assertThat(Path.of("/proc", String.valueOf(grandchildHostPid))).doesNotExist();
  }

  private static String[] hostInterfaces() throws Exception {
    try (Stream<Path> entries = Files.list(Path.of("/sys/class/net"))) {
      return entries.map(entry -> entry.getFileName().toString()).toArray(String[]::new);
    }
  }

  private static boolean startAndJoinAThread() throws InterruptedException {
    boolean[] ran = new boolean[1];
    Thread thread = new Thread(() -> ran[0] = true, "started-by-spawner");
    thread.start();
    thread.join();
    return ran[0];
  }

  private static List<Integer> childrenOf(int pid) throws Exception {
    String children =
        Files.readString(
            Path.of("/proc", String.valueOf(pid), "task", String.valueOf(pid), "children"));
    return Arrays.stream(children.trim().split("\\s+")).map(Integer::valueOf).toList();
  }

  /** The {@code key=value} lines the script printed. */
  private static Map<String, String> keyValues(List<String> lines) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher matcher = KEY_VALUE.matcher(line);
      if (matcher.matches()) {
        values.put(matcher.group(1), matcher.group(2));
      }
    }
    return values;
  }

  /** Interface names from /proc/net/dev's format: two header lines, then {@code name: counters}. */
  private static List<String> interfaces(List<String> lines) {
    return lines.stream()
        .map(NET_DEV_ROW::matcher)
        .filter(Matcher::matches)
        .map(matcher -> matcher.group(1))
        .toList();
  }
}
