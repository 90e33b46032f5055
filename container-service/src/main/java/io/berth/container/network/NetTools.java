package io.berth.container.network;

import io.berth.container.ContainerException;
import io.berth.events.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs iproute2's {@code ip} and {@code iptables-restore} with their work in one batch each, so a
 * container start costs two short processes (about 5 ms each here) rather than one per change.
 * Errors carry the tool's own message.
 *
 * @see <a href="https://man7.org/linux/man-pages/man8/ip.8.html">ip(8), {@code -batch}</a>
 * @see <a href="https://man7.org/linux/man-pages/man8/iptables-restore.8.html">iptables-restore(8)
 *     {@code --noflush}</a>
 */
final class NetTools {

  private NetTools() {}

  /** {@code ip -batch -} in the host's network namespace. */
  static void ip(List<String> commands) {
    if (!commands.isEmpty()) {
      run(List.of("ip", "-batch", "-"), commands, true);
    }
  }

  /** {@code ip -batch -}, going on past errors (for removals of what may be gone). */
  static void ipQuietly(List<String> commands) {
    if (!commands.isEmpty()) {
      run(List.of("ip", "-force", "-batch", "-"), commands, false);
    }
  }

  /** {@code ip -batch -} inside the network namespace of process {@code pid}. */
  static void ipIn(int pid, List<String> commands) {
    run(List.of("nsenter", "--net=/proc/" + pid + "/ns/net", "ip", "-batch", "-"), commands, true);
  }

  /**
   * {@code iptables-restore --noflush}: the lines are one table's changes ({@code *nat} ... {@code
   * COMMIT}), applied atomically.
   */
  static void iptablesRestore(List<String> lines) {
    run(List.of("iptables-restore", "--noflush", "--wait"), lines, true);
  }

  /** {@code iptables-restore --noflush}, ignoring failures (removing rules that may be gone). */
  static boolean iptablesRestoreQuietly(List<String> lines) {
    return run(List.of("iptables-restore", "--noflush", "--wait"), lines, false);
  }

  /** {@code iptables-save -t table}: the table's rules. */
  static List<String> iptablesSave(String table) {
    return output(List.of("iptables-save", "-t", table));
  }

  /** Runs a command and returns its output lines. */
  static List<String> output(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw failure(command, out);
      }
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    } catch (IOException e) {
      throw failure(command, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(command, "interrupted");
    }
  }

  private static boolean run(List<String> command, List<String> input, boolean check) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write((String.join("\n", input) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean ok = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
      if (!ok && check) {
        throw failure(command, out.trim() + " (input: " + String.join("; ", input) + ")");
      }
      return ok;
    } catch (IOException e) {
      throw failure(command, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(command, "interrupted");
    }
  }

  private static ContainerException failure(List<String> command, String detail) {
    List<String> shown = new ArrayList<>(command);
    return new ContainerException(
        ErrorCode.INTERNAL, "network setup failed: " + String.join(" ", shown) + ": " + detail);
  }
}
