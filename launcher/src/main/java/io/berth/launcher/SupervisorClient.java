package io.berth.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Sends one command to the supervisor's control socket and reads its answer. */
public final class SupervisorClient {

  /**
   * The supervisor's answer.
   *
   * @param ok whether the last line was {@code OK}
   * @param lines the lines before the last one (or after {@code OK } on the same line)
   */
  public record Reply(boolean ok, List<String> lines) {}

  private SupervisorClient() {}

  /**
   * Sends {@code command} and waits up to {@code timeout} for the answer.
   *
   * @throws IOException when the socket cannot be reached or the answer does not come in time
   */
  public static Reply send(Path socket, String command, Duration timeout) throws IOException {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "berth-control-timeout");
              t.setDaemon(true);
              return t;
            });
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      timer.schedule(
          () -> {
            try {
              channel.close();
            } catch (IOException ignored) {
              // Closing to end a read that takes too long.
            }
          },
          timeout.toMillis(),
          TimeUnit.MILLISECONDS);
      PrintWriter out =
          new PrintWriter(Channels.newOutputStream(channel), true, StandardCharsets.UTF_8);
      out.println(command);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals("OK") || line.startsWith("OK ")) {
          if (line.length() > 3) {
            lines.add(line.substring(3));
          }
          return new Reply(true, lines);
        }
        if (line.equals("ERR")) {
          return new Reply(false, lines);
        }
        lines.add(line);
      }
      throw new IOException("the supervisor closed the connection without an answer");
    } catch (java.nio.channels.AsynchronousCloseException e) {
      throw new IOException("no answer from the supervisor within " + timeout.toSeconds() + " s");
    } finally {
      timer.shutdownNow();
    }
  }
}
