package io.berth.container.stats;

import io.berth.container.cgroup.CgroupStats;
import io.berth.container.cgroup.CgroupVersion;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One reading of a container's counters together with the host's, the input of one {@code docker
 * stats} frame; two consecutive samples give the CPU percentage.
 *
 * @param read when it was taken
 * @param cpuUsageNanos CPU time the container's tasks have used
 * @param cpuKernelNanos the part of it spent in the kernel, 0 when unknown
 * @param cpuUserNanos the part of it spent in user mode, 0 when unknown
 * @param systemCpuNanos the host's total CPU time ({@link HostStats#systemCpuNanos()})
 * @param onlineCpus the host's CPUs
 * @param memoryUsageBytes memory charged to the container, page cache included
 * @param memoryLimitBytes its limit, the host's memory when it has none or a larger one
 * @param memoryStats the {@code memory.stat} figures the CLI reads: {@code total_inactive_file}
 *     (cgroup v1) or {@code inactive_file} (cgroup v2)
 * @param pidsCurrent tasks in the container
 * @param pidsLimit its pids limit, empty when unlimited
 */
public record StatsSample(
    Instant read,
    long cpuUsageNanos,
    long cpuKernelNanos,
    long cpuUserNanos,
    long systemCpuNanos,
    int onlineCpus,
    long memoryUsageBytes,
    long memoryLimitBytes,
    Map<String, Long> memoryStats,
    long pidsCurrent,
    OptionalLong pidsLimit) {

  /** Checks the counters and copies the map (sorted, for stable JSON). */
  public StatsSample {
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(pidsLimit, "pidsLimit");
    memoryStats = java.util.Collections.unmodifiableMap(new TreeMap<>(memoryStats));
    if (cpuUsageNanos < 0
        || cpuKernelNanos < 0
        || cpuUserNanos < 0
        || systemCpuNanos < 0
        || onlineCpus < 1
        || memoryUsageBytes < 0
        || memoryLimitBytes <= 0
        || pidsCurrent < 0) {
      throw new IllegalArgumentException(
          "bad stats sample: cpu "
              + cpuUsageNanos
              + ", system "
              + systemCpuNanos
              + ", cpus "
              + onlineCpus
              + ", memory "
              + memoryUsageBytes
              + "/"
              + memoryLimitBytes
              + ", pids "
              + pidsCurrent);
    }
  }

  /**
   * Combines a cgroup's counters with the host's, as moby's stats collector does: a memory limit
   * above the host's memory (or none) is shown as the host's memory.
   *
   * @param cgroup the container's cgroup counters
   * @param version the cgroup interface they came from, which names the inactive-file figure
   * @param host the host's CPU time, CPUs and memory, read at the same moment
   * @param pidsLimit the container's pids limit, empty when unlimited
   * @param read when the counters were read
   * @return the sample
   */
  public static StatsSample from(
      CgroupStats cgroup,
      CgroupVersion version,
      HostStats host,
      OptionalLong pidsLimit,
      Instant read) {
    long limit = Math.min(cgroup.memoryLimitBytes().orElse(Long.MAX_VALUE), host.memTotalBytes());
    String inactiveFile = version == CgroupVersion.V1 ? "total_inactive_file" : "inactive_file";
    return new StatsSample(
        read,
        cgroup.cpuUsageNanos(),
        0,
        0,
        host.systemCpuNanos(),
        host.onlineCpus(),
        cgroup.memoryUsageBytes(),
        limit,
        Map.of(inactiveFile, cgroup.memoryInactiveFileBytes()),
        cgroup.pidsCurrent(),
        pidsLimit);
  }
}
