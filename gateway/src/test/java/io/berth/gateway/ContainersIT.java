package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.launcher.BerthService;
import io.berth.launcher.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containers through the stock docker CLI, as the containers issue accepts them: isolation seen
 * from inside, exit codes, limits, stop, pause, exec, logs, and a container that outlives a
 * container-service restart. Everything runs for real: namespaces, overlayfs, cgroups.
 */
class ContainersIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Platform berth;
  private static String host;
  private static Path work;

  @BeforeAll
  static void startBerth() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "containers need root (namespaces)");
    Path data = Files.createTempDirectory("berth-containers-it");
    work = Files.createTempDirectory("berth-containers-work");
    berth =
        Platform.builder(Platform.findRepoRoot(), data)
            .freePorts()
            .startupTimeout(Duration.ofSeconds(120))
            .start();
    host = berth.dockerHost();
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
    Path tar = ImageFixtures.tarOf(rootfs, work.resolve("busybox.tar"));
    Fixtures.CliResult imported =
        docker(host, "import", "--change", "CMD [\"sh\"]", tar.toString(), "busybox:latest");
    assertThat(imported.exitCode()).as(imported.output()).isZero();
  }

  @AfterAll
  static void stopBerth() {
    if (berth != null) {
      try {
        docker(host, "rm", "-f", "$(docker ps -aq)");
      } catch (Exception e) {
        // best effort
      }
      berth.close();
    }
  }

  @Test
  void theShellIsPidOneAndIsolatedWithDockersCapabilities() throws Exception {
    Path sentinel = Path.of("/berth-containers-it-sentinel");
    Files.writeString(sentinel, "host file");
    try {
      Fixtures.CliResult run =
          docker(
              host,
              "run",
              "--rm",
              "busybox",
              "sh",
              "-c",
              "echo pid=$$; hostname; grep CapEff /proc/self/status; ps -o pid= | wc -l;"
                  + " cat /berth-containers-it-sentinel; grep ' / ' /proc/mounts; ip link 2>&1"
                  + " | grep -c '^[0-9]'");
      assertThat(run.exitCode()).as(run.output()).isZero();
      // stdout and stderr are separate pipes: the cat's error may come anywhere.
      List<String> lines = run.output().lines().filter(line -> !line.startsWith("cat:")).toList();
      assertThat(lines.get(0)).isEqualTo("pid=1");
      assertThat(lines.get(1)).matches("[0-9a-f]{12}");
      assertThat(lines.get(2)).isEqualTo("CapEff:\t00000000a80425fb");
      assertThat(run.output()).contains("No such file or directory").doesNotContain("host file");
      assertThat(run.output()).contains("overlay / overlay");
      assertThat(lines.get(lines.size() - 1))
          .as("network links: lo and the bridge's eth0")
          .isEqualTo("2");
    } finally {
      Files.deleteIfExists(sentinel);
    }
  }

  @Test
  void exitCodesAreDockers() throws Exception {
    assertThat(docker(host, "run", "--rm", "busybox", "sh", "-c", "exit 3").exitCode())
        .isEqualTo(3);
    Fixtures.CliResult missing = docker(host, "run", "--rm", "busybox", "nosuchcommand");
    assertThat(missing.exitCode()).isEqualTo(127);
    assertThat(missing.output()).contains("executable file not found in $PATH");
    Fixtures.CliResult unknown =
        docker(host, "run", "--rm", "--pull", "never", "nosuchimage:1", "true");
    assertThat(unknown.exitCode()).isEqualTo(125);
    assertThat(unknown.output()).contains("No such image: nosuchimage:1");
  }

  @Test
  void aMemoryLimitEndsAGreedyProcessAsOomKilled() throws Exception {
    Fixtures.CliResult run =
        docker(
            host,
            "run",
            "--name",
            "greedy",
            "-m",
            "32m",
            "busybox",
            "dd",
            "if=/dev/zero",
            "of=/dev/null",
            "bs=64M",
            "count=1");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(137);
    JsonNode state = inspect("greedy").path("State");
    assertThat(state.path("OOMKilled").asBoolean()).isTrue();
    assertThat(state.path("ExitCode").asInt()).isEqualTo(137);
    assertThat(docker(host, "rm", "greedy").exitCode()).isZero();
  }

  @Test
  void aPidsLimitHoldsAForkLoop() throws Exception {
    Fixtures.CliResult run =
        docker(
            host,
            "run",
            "-d",
            "--name",
            "forker",
            "--pids-limit",
            "10",
            "busybox",
            "sh",
            "-c",
            "(for i in $(seq 1 30); do sleep 30 & done) 2>/dev/null; sleep 30");
    assertThat(run.exitCode()).as(run.output()).isZero();
    Thread.sleep(1500);
    // docker top lists the cgroup's processes, as the host sees them.
    Fixtures.CliResult top = docker(host, "top", "forker");
    assertThat(top.exitCode()).as(top.output()).isZero();
    long processes = top.output().lines().skip(1).count();
    assertThat(processes).isBetween(5L, 10L);
    Fixtures.CliResult stats =
        docker(host, "stats", "--no-stream", "--format", "{{.PIDs}}", "forker");
    assertThat(Integer.parseInt(stats.output().trim())).isBetween(5, 10);
    assertThat(docker(host, "rm", "-f", "forker").exitCode()).isZero();
  }

  @Test
  void stopWaitsForTheTimeoutThenKills() throws Exception {
    assertThat(
            docker(
                    host,
                    "run",
                    "-d",
                    "--name",
                    "stubborn",
                    "busybox",
                    "sh",
                    "-c",
                    "trap '' TERM; while true; do sleep 0.2; done")
                .exitCode())
        .isZero();
    long started = System.nanoTime();
    assertThat(docker(host, "stop", "-t", "2", "stubborn").exitCode()).isZero();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(millis).isBetween(1_800L, 6_000L);
    assertThat(inspect("stubborn").path("State").path("ExitCode").asInt()).isEqualTo(137);
    assertThat(docker(host, "rm", "stubborn").exitCode()).isZero();
  }

  @Test
  void pauseStopsACounterAndUnpauseResumesIt() throws Exception {
    assertThat(
            docker(
                    host,
                    "run",
                    "-d",
                    "--name",
                    "counter",
                    "busybox",
                    "sh",
                    "-c",
                    "i=0; while true; do i=$((i+1)); echo $i; sleep 0.1; done")
                .exitCode())
        .isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> logLines("counter") > 3);
    assertThat(docker(host, "pause", "counter").exitCode()).isZero();
    assertThat(inspect("counter").path("State").path("Status").asText()).isEqualTo("paused");
    int paused = logLines("counter");
    Thread.sleep(800);
    assertThat(logLines("counter")).isEqualTo(paused);
    assertThat(docker(host, "unpause", "counter").exitCode()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> logLines("counter") > paused + 3);
    assertThat(docker(host, "rm", "-f", "counter").exitCode()).isZero();
  }

  @Test
  void execSeesTheContainersPidOneAndHostname() throws Exception {
    assertThat(docker(host, "run", "-d", "--name", "host1", "busybox", "sleep", "60").exitCode())
        .isZero();
    String id = inspect("host1").path("Id").asText();
    Fixtures.CliResult exec =
        docker(host, "exec", "host1", "sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '; hostname");
    assertThat(exec.exitCode()).as(exec.output()).isZero();
    assertThat(exec.output()).contains("sleep 60").contains(id.substring(0, 12));
    assertThat(docker(host, "exec", "host1", "sh", "-c", "exit 5").exitCode()).isEqualTo(5);
    assertThat(docker(host, "rm", "-f", "host1").exitCode()).isZero();
    assertThat(docker(host, "inspect", "host1").exitCode()).isNotZero();
  }

  @Test
  void logsKeepStdoutAndStderrApartAndInOrder() throws Exception {
    Fixtures.CliResult run =
        docker(
            host,
            "run",
            "--name",
            "talker",
            "busybox",
            "sh",
            "-c",
            "echo out1; sleep 0.1; echo err1 >&2; sleep 0.1; echo out2; sleep 0.1; echo err2 >&2");
    assertThat(run.exitCode()).isZero();
    Fixtures.CliResult stdout = sh("docker logs talker 2>/dev/null");
    assertThat(stdout.output()).isEqualTo("out1\nout2");
    Fixtures.CliResult stderr = sh("docker logs talker 2>&1 >/dev/null");
    assertThat(stderr.output()).isEqualTo("err1\nerr2");
    Fixtures.CliResult both = sh("docker logs talker 2>&1");
    assertThat(both.output()).isEqualTo("out1\nerr1\nout2\nerr2");
    // --tail counts the lines of both streams, as Docker's does.
    assertThat(sh("docker logs --tail 2 talker 2>/dev/null").output()).isEqualTo("out2");
    assertThat(sh("docker logs --tail 1 talker 2>&1").output()).isEqualTo("err2");
    assertThat(docker(host, "rm", "talker").exitCode()).isZero();
  }

  @Test
  void aContainerOutlivesAContainerServiceRestart() throws Exception {
    assertThat(
            docker(
                    host,
                    "run",
                    "-d",
                    "--name",
                    "survivor",
                    "busybox",
                    "sh",
                    "-c",
                    "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done")
                .exitCode())
        .isZero();
    long pid = inspect("survivor").path("State").path("Pid").asLong();
    berth.restart(BerthService.CONTAINER_SERVICE);
    assertThat(Path.of("/proc/" + pid)).exists();
    Fixtures.CliResult ps = docker(host, "ps", "--format", "{{.Names}} {{.Status}}");
    assertThat(ps.output()).contains("survivor Up");
    int before = logLines("survivor");
    await().atMost(Duration.ofSeconds(10)).until(() -> logLines("survivor") > before + 2);
    assertThat(docker(host, "rm", "-f", "survivor").exitCode()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(Path.of("/proc/" + pid)));
  }

  @Test
  void stdinReachesAnInteractiveContainer() throws Exception {
    Fixtures.CliResult run = sh("printf 'hello\\nworld\\n' | docker run --rm -i busybox wc -l");
    assertThat(run.output()).isEqualTo("2");
  }

  @Test
  void cpCopiesIntoACreatedContainerAndOutOfARunningOne() throws Exception {
    assertThat(docker(host, "create", "--name", "copier", "busybox", "sleep", "30").exitCode())
        .isZero();
    Path file = work.resolve("greeting.txt");
    Files.writeString(file, "hello from the host\n");
    Fixtures.CliResult in = docker(host, "cp", file.toString(), "copier:/tmp/greeting.txt");
    assertThat(in.exitCode()).as(in.output()).isZero();
    assertThat(docker(host, "start", "copier").exitCode()).isZero();
    Fixtures.CliResult cat = docker(host, "exec", "copier", "cat", "/tmp/greeting.txt");
    assertThat(cat.output()).isEqualTo("hello from the host");
    Path out = work.resolve("hostname-out");
    Fixtures.CliResult back = docker(host, "cp", "copier:/etc/hostname", out.toString());
    assertThat(back.exitCode()).as(back.output()).isZero();
    String id = inspect("copier").path("Id").asText();
    assertThat(Files.readString(out).trim()).isEqualTo(id.substring(0, 12));
    assertThat(docker(host, "rm", "-f", "copier").exitCode()).isZero();
  }

  @Test
  void anOnFailureRestartPolicyRestartsUpToItsLimit() throws Exception {
    assertThat(
            docker(
                    host,
                    "run",
                    "-d",
                    "--name",
                    "flaky",
                    "--restart",
                    "on-failure:2",
                    "busybox",
                    "sh",
                    "-c",
                    "exit 4")
                .exitCode())
        .isZero();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonNode c = inspect("flaky");
              return c.path("RestartCount").asInt() == 2
                  && c.path("State").path("Status").asText().equals("exited");
            });
    assertThat(inspect("flaky").path("State").path("ExitCode").asInt()).isEqualTo(4);
    assertThat(docker(host, "rm", "flaky").exitCode()).isZero();
  }

  @Test
  void hostNetworkSharesTheHostsInterfaces() throws Exception {
    Fixtures.CliResult run =
        docker(
            host, "run", "--rm", "--network", "host", "busybox", "sh", "-c", "ip -o link | wc -l");
    long hostLinks;
    try (var links = Files.list(Path.of("/sys/class/net"))) {
      hostLinks = links.count();
    }
    assertThat(Long.parseLong(run.output().trim())).isEqualTo(hostLinks);
  }

  @Test
  void killRestartRenameAndExecOptionsWorkOnARealContainer() throws Exception {
    assertThat(
            docker(
                    host,
                    "run",
                    "-d",
                    "--name",
                    "worker",
                    "busybox",
                    "sh",
                    "-c",
                    "trap 'echo got USR1' USR1; while true; do sleep 0.1; done")
                .exitCode())
        .isZero();
    long firstPid = inspect("worker").path("State").path("Pid").asLong();
    assertThat(docker(host, "kill", "-s", "USR1", "worker").exitCode()).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sh("docker logs worker").output().contains("got USR1"));
    assertThat(inspect("worker").path("State").path("Running").asBoolean()).isTrue();

    Fixtures.CliResult exec =
        docker(
            host,
            "exec",
            "-u",
            "65534:65534",
            "-w",
            "/tmp",
            "-e",
            "GREETING=hi",
            "worker",
            "sh",
            "-c",
            "id -u; pwd; echo $GREETING");
    assertThat(exec.output()).isEqualTo("65534\n/tmp\nhi");

    assertThat(docker(host, "restart", "-t", "1", "worker").exitCode()).isZero();
    JsonNode restarted = inspect("worker").path("State");
    assertThat(restarted.path("Running").asBoolean()).isTrue();
    assertThat(restarted.path("Pid").asLong()).isNotEqualTo(firstPid);

    assertThat(docker(host, "rename", "worker", "worker2").exitCode()).isZero();
    assertThat(docker(host, "ps", "--filter", "name=worker2", "--format", "{{.Names}}").output())
        .isEqualTo("worker2");
    assertThat(docker(host, "kill", "worker2").exitCode()).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> inspect("worker2").path("State").path("Status").asText().equals("exited"));
    assertThat(inspect("worker2").path("State").path("ExitCode").asInt()).isEqualTo(137);
    Fixtures.CliResult again = docker(host, "kill", "worker2");
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.output()).contains("is not running");
    assertThat(docker(host, "rm", "worker2").exitCode()).isZero();
    assertThat(docker(host, "start", "worker2").output()).contains("No such container");
  }

  @Test
  void logsFollowAndTimestamps() throws Exception {
    assertThat(
            docker(
                    host,
                    "run",
                    "-d",
                    "--name",
                    "ticker",
                    "busybox",
                    "sh",
                    "-c",
                    "for i in 1 2 3; do echo tick $i; sleep 0.3; done")
                .exitCode())
        .isZero();
    // -f ends when the container does.
    Fixtures.CliResult follow = sh("docker logs -f ticker");
    assertThat(follow.output()).isEqualTo("tick 1\ntick 2\ntick 3");
    Fixtures.CliResult stamped = sh("docker logs -t ticker");
    assertThat(stamped.output().lines().toList())
        .allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z tick \\d"));
    Fixtures.CliResult future = sh("docker logs --since 2100-01-01T00:00:00Z ticker");
    assertThat(future.output()).isEmpty();
    assertThat(docker(host, "rm", "ticker").exitCode()).isZero();
  }

  @Test
  void everyTransitionIsAnEventInOrder() throws Exception {
    assertThat(docker(host, "run", "-d", "--name", "evented", "busybox", "sleep", "60").exitCode())
        .isZero();
    String id = inspect("evented").path("Id").asText();
    assertThat(docker(host, "pause", "evented").exitCode()).isZero();
    assertThat(docker(host, "unpause", "evented").exitCode()).isZero();
    assertThat(docker(host, "rename", "evented", "evented2").exitCode()).isZero();
    assertThat(docker(host, "exec", "evented2", "true").exitCode()).isZero();
    assertThat(docker(host, "kill", "evented2").exitCode()).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> inspect("evented2").path("State").path("Status").asText().equals("exited"));
    assertThat(docker(host, "rm", "evented2").exitCode()).isZero();
    List<String> types = new ArrayList<>();
    List<Integer> exitCodes = new ArrayList<>();
    for (var record :
        io.berth.messaging.TestSupport.readAll(
            berth.bootstrapServers(),
            io.berth.events.Topic.CONTAINER_EVENTS.topicName(),
            Duration.ofSeconds(1))) {
      if (id.equals(record.key())) {
        var message = io.berth.messaging.TestSupport.decode(record).payload();
        types.add(message.getClass().getSimpleName());
        if (message instanceof io.berth.events.container.ContainerDied died) {
          exitCodes.add(died.exitCode());
        }
      }
    }
    assertThat(types)
        .containsSubsequence(
            "ContainerCreated",
            "ContainerStarted",
            "ContainerPaused",
            "ContainerUnpaused",
            "ContainerRenamed",
            "ContainerExecCreated",
            "ContainerExecStarted",
            "ContainerExecDied",
            "ContainerKilled",
            "ContainerDied",
            "ContainerRemoved");
    assertThat(exitCodes).containsExactly(137);
  }

  private static int logLines(String name) throws Exception {
    return (int) docker(host, "logs", name).output().lines().count();
  }

  private static JsonNode inspect(String name) throws Exception {
    Fixtures.CliResult result = docker(host, "inspect", name);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return JSON.readTree(result.output()).get(0);
  }

  private static Fixtures.CliResult sh(String command) throws Exception {
    List<String> args = new ArrayList<>(List.of("sh", "-c", command));
    ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(false);
    builder.environment().put("DOCKER_HOST", host);
    Path out = Files.createTempFile("sh", ".out");
    builder.redirectOutput(out.toFile());
    try {
      Process process = builder.start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " hung: " + Files.readString(out));
      }
      return new Fixtures.CliResult(
          process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
