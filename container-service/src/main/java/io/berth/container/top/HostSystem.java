package io.berth.container.top;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host figures {@code ps} combines with each process: boot time and uptime (for start times and
 * CPU shares), total memory (for {@code %MEM}) and user names from {@code /etc/passwd}.
 *
 * @param bootTime {@code btime} of {@code /proc/stat}
 * @param uptimeSeconds the first figure of {@code /proc/uptime}
 * @param memTotalKib {@code MemTotal} of {@code /proc/meminfo}
 * @param users user names by uid
 * @param now the time the table is taken
 * @param zone the zone start times are shown in (the host's, as {@code ps} on the host)
 */
record HostSystem(
    Instant bootTime,
    double uptimeSeconds,
    long memTotalKib,
    Map<Long, String> users,
    Instant now,
    ZoneId zone) {

  /** {@code USER_HZ}: the kernel reports process times in hundredths of a second on Linux. */
  static final long CLOCK_TICKS = 100;

  static HostSystem read(Path proc, Path passwd) throws IOException {
    long btime = 0;
    for (String line : Files.readAllLines(proc.resolve("stat"))) {
      if (line.startsWith("btime ")) {
        btime = Long.parseLong(line.substring(6).trim());
      }
    }
    double uptime = Double.parseDouble(Files.readString(proc.resolve("uptime")).split(" ")[0]);
    long memTotal = 0;
    for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        memTotal = Long.parseLong(line.substring(9).trim().split("\\s+")[0]);
      }
    }
    return new HostSystem(
        Instant.ofEpochSecond(btime),
        uptime,
        memTotal,
        users(passwd),
        Instant.now(),
        ZoneId.systemDefault());
  }

  /** The user name of a uid, or the number when the host has no such user, as {@code ps}. */
  String user(long uid) {
    return users.getOrDefault(uid, Long.toString(uid));
  }

  /** When a process started, from its start time in ticks after boot. */
  Instant startTime(ProcProcess process) {
    return bootTime.plusMillis(process.startTicks() * 1000 / CLOCK_TICKS);
  }

  /** Seconds the process has lived, at least a tick to avoid dividing by zero. */
  double elapsedSeconds(ProcProcess process) {
    double started = (double) process.startTicks() / CLOCK_TICKS;
    return Math.max(uptimeSeconds - started, 1.0 / CLOCK_TICKS);
  }

  private static Map<Long, String> users(Path passwd) throws IOException {
    Map<Long, String> users = new HashMap<>();
    if (!Files.isReadable(passwd)) {
      return users;
    }
    List<String> lines = Files.readAllLines(passwd);
    for (String line : lines) {
      String[] fields = line.split(":");
      if (fields.length > 2 && !line.startsWith("#")) {
        try {
          users.putIfAbsent(Long.parseLong(fields[2]), fields[0]);
        } catch (NumberFormatException e) {
          // not a passwd line; ps skips it too
        }
      }
    }
    return users;
  }
}
