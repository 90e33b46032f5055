package io.berth.container.top;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ps} shows of one process, read from {@code /proc/<pid>/stat}, {@code status} and
 * {@code cmdline} (<a
 * href="https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html">proc_pid_stat(5)</a>). Times
 * are in clock ticks, {@code USER_HZ}.
 */
record ProcProcess(
    long pid,
    long ppid,
    char state,
    long pgrp,
    long session,
    long ttyNr,
    long tpgid,
    long utimeTicks,
    long stimeTicks,
    long nice,
    long threads,
    long startTicks,
    long euid,
    long vmSizeKib,
    long vmRssKib,
    long vmLockedKib,
    String comm,
    List<String> args) {

  /** Reads a process; empty if it exited meanwhile. */
  static Optional<ProcProcess> read(Path proc, long pid) throws IOException {
    Path dir = proc.resolve(Long.toString(pid));
    String stat;
    List<String> status;
    byte[] cmdline;
    try {
      stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
      status = Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8);
      cmdline = Files.readAllBytes(dir.resolve("cmdline"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("No such process")) {
        return Optional.empty(); // ESRCH: it exited between the open and the read
      }
      throw e;
    }
    // comm may hold spaces and parentheses: it ends at the last ')'.
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    String comm = stat.substring(open + 1, close);
    String[] f = stat.substring(close + 2).trim().split(" ");
    // f[0] is field 3 of proc_pid_stat(5), the state.
    return Optional.of(
        new ProcProcess(
            pid,
            Long.parseLong(f[1]),
            f[0].charAt(0),
            Long.parseLong(f[2]),
            Long.parseLong(f[3]),
            Long.parseLong(f[4]),
            Long.parseLong(f[5]),
            Long.parseLong(f[11]),
            Long.parseLong(f[12]),
            Long.parseLong(f[16]),
            Long.parseLong(f[17]),
            Long.parseLong(f[19]),
            statusField(status, "Uid:", 1),
            statusField(status, "VmSize:", 0),
            statusField(status, "VmRSS:", 0),
            statusField(status, "VmLck:", 0),
            comm,
            args(cmdline)));
  }

  /** The command line as {@code ps} shows it: arguments joined by spaces, or {@code [comm]}. */
  String command() {
    return args.isEmpty() ? "[" + comm + "]" : String.join(" ", args);
  }

  long cpuTicks() {
    return utimeTicks + stimeTicks;
  }

  private static long statusField(List<String> status, String key, int index) {
    for (String line : status) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[index]);
      }
    }
    return 0; // kernel threads have no Vm* lines
  }

  private static List<String> args(byte[] cmdline) {
    String text = new String(cmdline, StandardCharsets.UTF_8);
    if (text.endsWith("\0")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.isEmpty() ? List.of() : List.of(text.split("\0", -1));
  }
}
