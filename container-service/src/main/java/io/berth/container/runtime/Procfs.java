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
    } catch (IOException e) {
      return -1;
    }
  }

  /** Parses field 22 after the command name, which may hold spaces and parentheses. */
  static long parseStartTime(String stat) {
    int close = stat.lastIndexOf(')');
    String[] fields = stat.substring(close + 2).trim().split(" ");
    // fields[0] is field 3 (state), so field 22 is fields[19].
    return Long.parseLong(fields[19]);
  }

  /** Whether {@code pid} is still the process that started at {@code startTime}. */
  public static boolean isAlive(long pid, long startTime) {
    return pid > 0 && startTime >= 0 && startTime(pid) == startTime;
  }
}
