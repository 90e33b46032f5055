package io.berth.launcher.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.launcher.linux.Linux;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fd keeper against the real kernel: the read end of a pipe lives in a child process (a {@code
 * cat} reading its stdin, as a container's output pipe is read by the container-service); the
 * keeper takes a copy, the child dies, and the pipe still has a reader.
 */
class KeeperServerIT {

  @TempDir Path dir;

  private HeldFds held;
  private KeeperServer server;
  private SocketChannel channel;
  private PrintWriter requests;
  private BufferedReader answers;

  @BeforeAll
  static void linux() {
    assumeTrue(System.getProperty("os.name").equals("Linux"), "needs Linux: pidfd_getfd(2)");
  }

  @BeforeEach
  void start() throws IOException {
    held = new HeldFds();
    server = KeeperServer.start(dir.resolve("run/keeper.sock"), held);
    channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(server.socket()));
    requests = new PrintWriter(Channels.newOutputStream(channel), true, StandardCharsets.UTF_8);
    answers =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws IOException {
    channel.close();
    server.close();
    held.close();
  }

  @Test
  void theSocketIsOnlyForRoot() throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socket())))
        .isEqualTo("rw-------");
  }

  @Test
  void aHeldReadEndOutlivesTheProcessThatHadIt() throws Exception {
    Process reader =
        new ProcessBuilder("cat").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    // A write end of its own (opening a pipe through /proc opens the pipe, as a FIFO): the JVM
    // closes the Process's stdin once the child is gone.
    OutputStream writer = Files.newOutputStream(Path.of("/proc/" + reader.pid() + "/fd/0"));

    String answer = ask("HOLD ctr-1 " + reader.pid() + " 0");
    assertThat(answer).matches("OK \\d+");
    int kept = Integer.parseInt(answer.substring(3));
    reader.destroyForcibly();
    reader.waitFor();

    writer.write("still read\n".getBytes(StandardCharsets.UTF_8));
    writer.flush(); // no EPIPE: the keeper is a reader

    int reclaimed = Linux.pidfdGetfd(Linux.pidfdOpen(ProcessHandle.current().pid()), kept);
    try (InputStream in = Files.newInputStream(Path.of("/proc/self/fd/" + reclaimed))) {
      assertThat(new String(in.readNBytes(11), StandardCharsets.UTF_8)).isEqualTo("still read\n");
    } finally {
      Linux.close(reclaimed);
    }

    assertThat(ask("RELEASE ctr-1")).isEqualTo("OK");
    assertThatThrownBy(
            () -> {
              writer.write('x');
              writer.flush();
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Broken pipe");
    writer.close();
  }

  @Test
  void keptFdsAreCloseOnExecAndPipesAreEnlarged() throws Exception {
    Process reader = new ProcessBuilder("cat").start();
    try {
      String answer = ask("HOLD exec-7 " + reader.pid() + " 0 1");
      assertThat(answer).matches("OK \\d+ \\d+");
      String[] fds = answer.substring(3).split(" ");
      for (String fd : fds) {
        int keeperFd = Integer.parseInt(fd);
        assertThat(Linux.fcntl(keeperFd, Linux.F_GETFD, 0) & Linux.FD_CLOEXEC).isEqualTo(1);
        assertThat(Linux.fcntl(keeperFd, Linux.F_GETPIPE_SZ, 0)).isEqualTo(HeldFds.PIPE_SIZE);
      }
      assertThat(ask("LIST")).isEqualTo("OK exec-7=" + fds[0] + "," + fds[1]);
    } finally {
      reader.destroyForcibly().waitFor();
    }
  }

  @Test
  void answersItsPidAndRefusesWhatItCannotHold() throws Exception {
    assertThat(ask("PID")).isEqualTo("OK " + ProcessHandle.current().pid());
    assertThat(ask("HOLD ctr-2 " + ProcessHandle.current().pid() + " 999999"))
        .startsWith("ERR pidfd_getfd(")
        .contains("Bad file descriptor");
    assertThat(ask("HOLD ctr-2 1")).startsWith("ERR usage: HOLD");
    assertThat(ask("FROB")).isEqualTo("ERR unknown command: FROB");
    assertThat(ask("LIST")).isEqualTo("OK");
    assertThat(ask("RELEASE nothing-held")).isEqualTo("OK");
  }

  private String ask(String request) throws IOException {
    requests.println(request);
    return answers.readLine();
  }
}
