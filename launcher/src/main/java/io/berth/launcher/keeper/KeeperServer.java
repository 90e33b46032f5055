package io.berth.launcher.keeper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fd keeper's Unix domain socket ({@code $BERTH_DATA_DIR/run/keeper.sock}, mode 0600), a line
 * protocol: each request is one line, each answer one line, and a connection may carry several.
 *
 * <ul>
 *   <li>{@code HOLD <key> <pid> <fd> [<fd>...]} → {@code OK <keeperFd> [<keeperFd>...]}: duplicates
 *       the fds out of process {@code pid} (pidfd_getfd(2)) and keeps them under {@code key}
 *   <li>{@code RELEASE <key>} → {@code OK}: closes them
 *   <li>{@code LIST} → {@code OK <key>=<fd>,<fd> ...}
 *   <li>{@code PID} → {@code OK <pid>}: this process, from which a client takes a kept fd back with
 *       {@code pidfd_getfd(pidfd_open(pid), keeperFd, 0)}
 * </ul>
 *
 * Any failure answers {@code ERR <message>}.
 */
public final class KeeperServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KeeperServer.class);

  private final HeldFds held;
  private final Path socket;
  private final ServerSocketChannel server;
  private final Thread acceptor;
  private volatile boolean closed;

  private KeeperServer(HeldFds held, Path socket, ServerSocketChannel server) {
    this.held = held;
    this.socket = socket;
    this.server = server;
    this.acceptor = new Thread(this::accept, "berth-keeper");
    this.acceptor.setDaemon(true);
  }

  /** Binds {@code socket} (replacing a stale one), makes it 0600 and starts serving. */
  public static KeeperServer start(Path socket, HeldFds held) {
    try {
      Files.createDirectories(socket.toAbsolutePath().getParent());
      Files.deleteIfExists(socket);
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      KeeperServer keeper = new KeeperServer(held, socket, server);
      keeper.acceptor.start();
      LOG.info("Fd keeper listening on {}", socket);
      return keeper;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the keeper socket " + socket, e);
    }
  }

  /** The socket path. */
  public Path socket() {
    return socket;
  }

  /** Stops serving and removes the socket; the held fds stay open (see {@link HeldFds#close}). */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException ignored) {
      // Best effort.
    }
  }

  /** Answers one request line (without the line end). */
  String answer(String line) {
    String[] words = line.trim().split("\\s+");
    try {
      return switch (words[0]) {
        case "HOLD" -> hold(words);
        case "RELEASE" -> {
          requireWords(words, 2, "RELEASE <key>");
          held.release(words[1]);
          yield "OK";
        }
        case "LIST" -> list();
        case "PID" -> "OK " + ProcessHandle.current().pid();
        default -> "ERR unknown command: " + words[0];
      };
    } catch (RuntimeException | LinkageError e) {
      return "ERR " + String.valueOf(e.getMessage()).replace('\n', ' ');
    }
  }

  private String hold(String[] words) {
    if (words.length < 4) {
      throw new IllegalArgumentException("usage: HOLD <key> <pid> <fd> [<fd>...]");
    }
    long pid = Long.parseLong(words[2]);
    int[] fds = new int[words.length - 3];
    for (int i = 0; i < fds.length; i++) {
      fds[i] = Integer.parseInt(words[3 + i]);
    }
    int[] kept = held.hold(words[1], pid, fds);
    StringJoiner answer = new StringJoiner(" ", "OK ", "");
    for (int fd : kept) {
      answer.add(String.valueOf(fd));
    }
    LOG.debug("Holding {} for {}: fds {} of pid {}", answer, words[1], fds, pid);
    return answer.toString();
  }

  private String list() {
    List<String> entries = new ArrayList<>();
    held.list()
        .forEach(
            (key, fds) ->
                entries.add(
                    key + "=" + String.join(",", fds.stream().map(String::valueOf).toList())));
    return entries.isEmpty() ? "OK" : "OK " + String.join(" ", entries);
  }

  private static void requireWords(String[] words, int count, String usage) {
    if (words.length != count) {
      throw new IllegalArgumentException("usage: " + usage);
    }
  }

  private void accept() {
    while (!closed) {
      try {
        SocketChannel client = server.accept();
        Thread connection = new Thread(() -> serve(client), "berth-keeper-client");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("Keeper socket failed", e);
        }
        return;
      }
    }
  }

  private void serve(SocketChannel client) {
    try (client;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        Writer out = Channels.newWriter(client, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        out.write(answer(line) + "\n");
        out.flush();
      }
    } catch (IOException e) {
      LOG.debug("Keeper client gone: {}", e.getMessage());
    }
  }
}
