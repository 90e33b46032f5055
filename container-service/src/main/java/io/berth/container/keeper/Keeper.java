package io.berth.container.keeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.linux.ExitStatus;
import io.berth.container.linux.Linux;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The container-service's client of the supervisor's fd keeper ({@code
 * $BERTH_DATA_DIR/run/keeper.sock}): the supervisor outlives a container-service restart, so it
 * keeps copies of the containers' output pipe read ends (and pty masters) to give back to the next
 * container-service, and records the exits of containers it reaped meanwhile.
 *
 * <pre>{@code
 * Optional<Keeper> keeper = Keeper.connect(dataDir);        // empty when run standalone
 * int[] kept = keeper.get().hold(containerId, stdoutRead, stderrRead);
 * // ... after a restart, with kept[] from the database:
 * int stdout = keeper.get().reclaim(kept[0]);               // a new fd in this process
 * keeper.get().release(containerId);                        // once the container is gone
 * }</pre>
 *
 * <p>Protocol (one request line, one answer line, several per connection): {@code HOLD <key> <pid>
 * <fd>...} → {@code OK <keeperFd>...}; {@code RELEASE <key>} → {@code OK}; {@code LIST}; {@code
 * PID} → {@code OK <pid>}; failures answer {@code ERR <message>}. Thread-safe.
 */
public final class Keeper implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path socket;
  private final Path exits;
  private final long supervisorPid;
  private SocketChannel channel;
  private BufferedReader in;
  private Writer out;

  private Keeper(Path socket, Path exits) {
    this.socket = socket;
    this.exits = exits;
    this.supervisorPid = Long.parseLong(request("PID"));
  }

  /**
   * Connects to the keeper of {@code dataDir} ({@code run/keeper.sock}).
   *
   * @return empty when there is no keeper: the socket is absent (the container-service runs
   *     standalone) or nobody listens on it (a stale socket of a dead supervisor)
   */
  public static Optional<Keeper> connect(Path dataDir) {
    Path socket = dataDir.resolve("run").resolve("keeper.sock");
    if (!Files.exists(socket)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Keeper(socket, dataDir.resolve("container-service").resolve("exits")));
    } catch (KeeperException e) {
      return Optional.empty();
    }
  }

  /** The supervisor's pid, from which {@link #reclaim} takes kept fds back. */
  public long supervisorPid() {
    return supervisorPid;
  }

  /**
   * Has the supervisor keep copies of {@code fds} of this process under {@code key} (a container or
   * exec id), replacing what the key held.
   *
   * @return the copies' numbers in the supervisor, in the order of {@code fds}, for {@link
   *     #reclaim}
   * @throws KeeperException when the keeper refuses or cannot be reached
   */
  public int[] hold(String key, int... fds) {
    requireKey(key);
    if (fds.length == 0) {
      throw new IllegalArgumentException("no file descriptors to hold");
    }
    StringJoiner line = new StringJoiner(" ");
    line.add("HOLD").add(key).add(String.valueOf(ProcessHandle.current().pid()));
    for (int fd : fds) {
      line.add(String.valueOf(fd));
    }
    String[] kept = request(line.toString()).split(" ");
    if (kept.length != fds.length) {
      throw new KeeperException("the keeper answered " + kept.length + " fds for " + fds.length);
    }
    int[] keeperFds = new int[kept.length];
    for (int i = 0; i < kept.length; i++) {
      keeperFds[i] = Integer.parseInt(kept[i]);
    }
    return keeperFds;
  }

  /**
   * Has the supervisor close what it keeps under {@code key} (nothing happens if it keeps none).
   */
  public void release(String key) {
    requireKey(key);
    request("RELEASE " + key);
  }

  /**
   * A copy in this process of the supervisor's fd {@code keeperFd}, taken with pidfd_getfd(2) (the
   * new fd is close-on-exec; the supervisor keeps its own until {@link #release}).
   */
  public int reclaim(int keeperFd) {
    int pidfd = Linux.pidfdOpen(Math.toIntExact(supervisorPid));
    try {
      return Linux.pidfdGetfd(pidfd, keeperFd);
    } finally {
      Linux.close(pidfd);
    }
  }

  /**
   * How the process {@code pid} started at {@code startTime} ended, if the supervisor reaped it
   * (after the container-service that started it had died).
   */
  public Optional<ExitRecord> exitOf(long pid, long startTime) {
    return readExit(exits.resolve(pid + "-" + startTime + ".json"));
  }

  @Override
  public synchronized void close() {
    disconnect();
  }

  static Optional<ExitRecord> readExit(Path file) {
    JsonNode json;
    try {
      json = JSON.readTree(file.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    int signal = json.path("signal").asInt(0);
    ExitStatus status =
        signal > 0 ? ExitStatus.killed(signal) : ExitStatus.exited(json.path("exitCode").asInt());
    return Optional.of(
        new ExitRecord(
            json.path("pid").asLong(),
            json.path("startTime").asLong(),
            status,
            Instant.parse(json.path("reapedAt").asText())));
  }

  /** Sends one line; returns the answer after {@code OK} (may be empty). Reconnects once. */
  private synchronized String request(String line) {
    for (int attempt = 1; ; attempt++) {
      try {
        if (channel == null) {
          connectSocket();
        }
        out.write(line + "\n");
        out.flush();
        String answer = in.readLine();
        if (answer == null) {
          throw new IOException("the keeper closed the connection");
        }
        if (answer.equals("OK") || answer.startsWith("OK ")) {
          return answer.length() > 3 ? answer.substring(3) : "";
        }
        throw new KeeperException(
            "keeper refused \"" + line + "\": " + answer.replaceFirst("^ERR ?", ""));
      } catch (IOException e) {
        disconnect();
        if (attempt == 2) {
          throw new KeeperException("cannot reach the keeper at " + socket, e);
        }
      }
    }
  }

  private void connectSocket() throws IOException {
    SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      opened.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      opened.close();
      throw e;
    }
    channel = opened;
    in =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(opened), StandardCharsets.UTF_8));
    out = Channels.newWriter(opened, StandardCharsets.UTF_8);
  }

  private void disconnect() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Gone anyway.
      }
      channel = null;
      in = null;
      out = null;
    }
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty() || !key.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new IllegalArgumentException("invalid keeper key: " + key);
    }
  }
}
