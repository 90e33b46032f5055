package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.launcher.keeper.ContainerKeeper;
import io.berth.launcher.keeper.ExitFiles;
import io.berth.launcher.keeper.ProcStat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's process is the containers' keeper: it serves {@code <data dir>/run/keeper.sock}
 * while it runs and adopts what a service leaves behind when it dies. Needs root on Linux (the
 * keeper is skipped elsewhere); runs a stand-in gateway and no broker.
 */
class PlatformKeeperIT {

  @TempDir Path dataDir;

  @BeforeAll
  static void rootOnLinux() throws IOException {
    assumeTrue(System.getProperty("os.name").equals("Linux"), "needs Linux: prctl(2), pidfds");
    assumeTrue(
        ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0,
        "needs root: the keeper runs only as root");
  }

  private Platform.Builder builder() {
    return Platform.builder(dataDir, dataDir)
        .freePorts()
        .externalKafka("127.0.0.1:9")
        .services(BerthService.GATEWAY)
        .command(BerthService.GATEWAY, StandInService.command())
        .startupTimeout(Duration.ofSeconds(60))
        .stopTimeout(Duration.ofSeconds(5));
  }

  @Test
  void answersPidOnTheKeeperSocketOfItsDataDirWhileItRuns() throws IOException {
    Path socket = dataDir.resolve("run/keeper.sock");
    try (Platform platform = builder().start()) {
      assertThat(platform.keeper()).isPresent();
      assertThat(platform.keeper().get().socket()).contains(socket);
      assertThat(ContainerKeeper.socket(dataDir)).isEqualTo(socket);
      assertThat(new RunDir(dataDir.resolve("run")).keeperSocket()).isEqualTo(socket);

      assertThat(ask(socket, "PID")).isEqualTo("OK " + ProcessHandle.current().pid());
    }
    assertThat(socket).doesNotExist();
  }

  @Test
  void hasNoKeeperWhenTurnedOff() {
    try (Platform platform = builder().keeper(false).start()) {
      assertThat(platform.keeper()).isEmpty();
      assertThat(dataDir.resolve("run/keeper.sock")).doesNotExist();
    }
  }

  @Test
  void adoptsWhatADeadServiceLeftRunningAndRecordsItsExit() throws Exception {
    try (Platform platform = builder().env(BerthService.GATEWAY, "STANDIN_CHILD", "true").start()) {
      assertThat(platform.keeper().orElseThrow().reaps()).isTrue();
      ServiceProcess gateway = platform.service(BerthService.GATEWAY);
      long orphan =
          gateway.lastLogLines(20).stream()
              .filter(line -> line.startsWith("child "))
              .map(line -> Long.parseLong(line.substring("child ".length())))
              .findFirst()
              .orElseThrow();
      long startTime = ProcStat.of(orphan).orElseThrow().startTime();

      platform.kill(BerthService.GATEWAY);

      // Adopted on the service's exit: the orphan is this JVM's child now, and reaped here.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> ProcStat.of(orphan).map(ProcStat::ppid).orElse(-1L) == selfPid());
      ProcessHandle.of(orphan).orElseThrow().destroyForcibly();
      Path exitFile = ExitFiles.under(dataDir).file(orphan, startTime);
      await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(exitFile));
      assertThat(Files.readString(exitFile)).contains("\"exitCode\":137");
    }
  }

  private static long selfPid() {
    return ProcessHandle.current().pid();
  }

  private static String ask(Path socket, String request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      PrintWriter out =
          new PrintWriter(Channels.newOutputStream(channel), true, StandardCharsets.UTF_8);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
      out.println(request);
      return in.readLine();
    }
  }
}
