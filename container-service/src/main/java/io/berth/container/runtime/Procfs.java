package io.berth.container.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the runtime reads about processes from /proc (proc_pid_stat(5)). */
public final class Procfs {

  private Procfs() {}

  /**
   * Field 22 of {@code /proc/<pid>/stat}: the process's start time in clock ticks after boot, which
   * with the pid names one process for good (pids are reused, start times with them are not).
   *
   * @return the start time, or -1 when there is no such process
   */
  public static long startTime(long pid) {
    try {
      return parseStartTime(
          Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII));
    } catch (IOException | IllegalArgumentException e) {
      return -1;
    }
  }

  /**
   * Field 22 of a {@code /proc/<pid>/stat} line (proc_pid_stat(5)). The command name, field 2, is
   * in parentheses and may hold spaces and parentheses itself, so fields are counted after the last
   * {@code ')'}.
   */
  public static long parseStartTime(String statLine) {
    int close = statLine.lastIndexOf(')');
    String[] fields =
        close < 0 ? new String[0] : statLine.substring(close + 1).trim().split("\\s+");
    // After ")", field 3 (the state) comes first.
    if (fields.length < 22 - 2) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
    }
    return Long.parseLong(fields[22 - 3]);
  }

  /** Whether {@code pid} is still the process that started at {@code startTime}. */
  public static boolean isAlive(long pid, long startTime) {
    return pid > 0 && startTime >= 0 && startTime(pid) == startTime;
  }
}
