package io.berth.launcher.keeper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} the keeper needs. See proc_pid_stat(5): the command name
 * (field 2) is in parentheses and may itself hold spaces and parentheses, so fields are counted
 * from after the last {@code ')'}.
 *
 * @param ppid field 4, the parent's pid
 * @param session field 6, the session id (a container's processes are session leaders, setsid(2))
 * @param startTime field 22, clock ticks after boot at which the process started: with the pid, it
 *     names one process even across pid reuse
 */
public record ProcStat(long ppid, long session, long startTime) {

  /** Reads {@code /proc/<pid>/stat}; empty when the process is gone. */
  public static Optional<ProcStat> of(long pid) {
    try {
      String line =
          Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.UTF_8);
      return Optional.of(parse(line));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Parses one {@code stat} line. */
  public static ProcStat parse(String line) {
    int close = line.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
    }
    // After ")": field 3 (state) is at index 0, so field n is at index n - 3.
    String[] fields = line.substring(close + 1).trim().split("\\s+");
    if (fields.length < 20) {
      throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + line);
    }
    return new ProcStat(
        Long.parseLong(fields[4 - 3]),
        Long.parseLong(fields[6 - 3]),
        Long.parseLong(fields[22 - 3]));
  }
}
