package io.berth.container.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host-wide figures a stats sample is measured against, read as moby's stats collector reads
 * them: total CPU time from {@code /proc/stat} and total memory from {@code /proc/meminfo}.
 *
 * @param systemCpuNanos {@code system_cpu_usage}: the user, nice, system, idle, iowait, irq and
 *     softirq ticks of the {@code cpu} line summed, in nanoseconds (moby's {@code
 *     getSystemCPUUsage} sums {@code parts[1:8]})
 * @param onlineCpus the {@code cpuN} lines of {@code /proc/stat}
 * @param memTotalBytes {@code MemTotal}, the limit shown for a container without one
 */
public record HostStats(long systemCpuNanos, int onlineCpus, long memTotalBytes) {

  /** {@code USER_HZ}: {@code /proc/stat} counts hundredths of a second on Linux. */
  static final long CLOCK_TICKS = 100;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Checks the figures. */
  public HostStats {
    if (systemCpuNanos < 0 || onlineCpus < 1 || memTotalBytes <= 0) {
      throw new IllegalArgumentException(
          "bad host stats: cpu "
              + systemCpuNanos
              + " ns, "
              + onlineCpus
              + " cpus, "
              + memTotalBytes
              + " bytes");
    }
  }

  /**
   * Reads this host's {@code /proc/stat} and {@code /proc/meminfo}.
   *
   * @return the figures now
   * @throws UncheckedIOException if {@code /proc} cannot be read
   */
  public static HostStats read() {
    return read(Path.of("/proc"));
  }

  static HostStats read(Path proc) {
    try {
      return parse(
          Files.readString(proc.resolve("stat")), Files.readString(proc.resolve("meminfo")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read host stats from " + proc, e);
    }
  }

  static HostStats parse(String procStat, String meminfo) {
    long ticks = -1;
    int cpus = 0;
    for (String line : procStat.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts[0].equals("cpu")) {
        if (parts.length < 8) {
          throw new IllegalArgumentException("invalid number of cpu fields: " + line);
        }
        ticks = 0;
        for (int i = 1; i < 8; i++) {
          ticks += Long.parseLong(parts[i]);
        }
      } else if (parts[0].startsWith("cpu")) {
        cpus++;
      }
    }
    if (ticks < 0) {
      throw new IllegalArgumentException("no cpu line in /proc/stat");
    }
    return new HostStats(ticks * (NANOS_PER_SECOND / CLOCK_TICKS), cpus, memTotal(meminfo));
  }

  private static long memTotal(String meminfo) {
    for (String line : meminfo.split("\n")) {
      if (line.startsWith("MemTotal:")) {
        String[] parts = line.substring(9).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
      }
    }
    throw new IllegalArgumentException("no MemTotal in /proc/meminfo");
  }
}
