package io.berth.container.keeper;

import static io.berth.container.linux.LinuxConstants.O_CLOEXEC;
import static io.berth.container.linux.LinuxConstants.O_RDONLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.container.linux.ExitStatus;
import io.berth.container.linux.Linux;
import io.berth.launcher.keeper.ExitFiles;
import io.berth.launcher.keeper.HeldFds;
import io.berth.launcher.keeper.KeeperServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the supervisor's real keeper (the launcher's {@link KeeperServer}, run in this
 * JVM): a pipe's read end handed to the keeper survives this process closing its own, and comes
 * back with pidfd_getfd(2).
 */
class KeeperIT {

  @TempDir Path dataDir;

  private HeldFds held;
  private KeeperServer server;
  private Keeper keeper;

  @BeforeAll
  static void linux() {
    assumeTrue(System.getProperty("os.name").equals("Linux"), "needs Linux: pidfd_getfd(2)");
  }

  @BeforeEach
  void start() {
    held = new HeldFds();
    server = KeeperServer.start(dataDir.resolve("run").resolve("keeper.sock"), held);
    keeper = Keeper.connect(dataDir).orElseThrow();
  }

  @AfterEach
  void stop() {
    keeper.close();
    server.close();
    held.close();
  }

  @Test
  void knowsTheSupervisorsPid() {
    assertThat(keeper.supervisorPid()).isEqualTo(ProcessHandle.current().pid());
  }

  @Test
  void aHeldPipeKeepsItsReaderAndComesBack() throws Exception {
    Process cat = new ProcessBuilder("cat").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Path pipe = Path.of("/proc/" + cat.pid() + "/fd/0");
    // This process's own read end (as a container's stdout read end is the container-service's),
    // and a writer standing in for the container.
    int readEnd = Linux.open(pipe.toString(), O_RDONLY | O_CLOEXEC, 0);
    OutputStream container = Files.newOutputStream(pipe);
    cat.destroyForcibly().waitFor();

    int[] kept = keeper.hold("ctr-1", readEnd);
    Linux.close(readEnd); // the container-service goes away

    container.write("kept\n".getBytes(StandardCharsets.UTF_8));
    container.flush(); // no EPIPE: the keeper still reads

    int reclaimed = keeper.reclaim(kept[0]);
    try (InputStream in = Files.newInputStream(Path.of("/proc/self/fd/" + reclaimed))) {
      assertThat(new String(in.readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("kept\n");
    } finally {
      Linux.close(reclaimed);
    }

    keeper.release("ctr-1");
    assertThatThrownBy(
            () -> {
              container.write('x');
              container.flush();
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Broken pipe");
    container.close();
  }

  @Test
  void aRefusedHoldSaysWhy() {
    assertThatThrownBy(() -> keeper.hold("ctr-2", 999_999))
        .isInstanceOf(KeeperException.class)
        .hasMessageContaining("pidfd_getfd");
  }

  @Test
  void readsTheExitsTheSupervisorRecorded() {
    ExitFiles.under(dataDir)
        .write(
            new io.berth.launcher.keeper.ExitRecord(
                4242,
                987654,
                io.berth.launcher.linux.ExitStatus.fromSiginfo(1, 7),
                Instant.parse("2025-01-02T03:04:05Z")));

    assertThat(keeper.exitOf(4242, 987654))
        .hasValueSatisfying(
            exit -> {
              assertThat(exit.status()).isEqualTo(ExitStatus.exited(7));
              assertThat(exit.reapedAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
            });
    assertThat(keeper.exitOf(4242, 1)).isEmpty();
  }
}
