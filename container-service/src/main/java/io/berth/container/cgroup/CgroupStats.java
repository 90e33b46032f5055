package io.berth.container.cgroup;

import java.util.OptionalLong;

/**
 * A snapshot of one container's cgroup counters, the figures {@code docker stats} shows.
 *
 * @param memoryUsageBytes memory charged to the cgroup now, page cache included
 * @param memoryLimitBytes the memory limit, empty when there is none
 * @param cpuUsageNanos total CPU time its tasks have used
 * @param pidsCurrent how many tasks (processes and threads) it holds
 * @param memoryInactiveFileBytes page cache not recently used, which the kernel reclaims first
 *     ({@code total_inactive_file} of v1's, {@code inactive_file} of v2's {@code memory.stat});
 *     {@code docker stats} subtracts it from the usage
 */
public record CgroupStats(
    long memoryUsageBytes,
    OptionalLong memoryLimitBytes,
    long cpuUsageNanos,
    long pidsCurrent,
    long memoryInactiveFileBytes) {

  /** Checks that no counter is negative. */
  public CgroupStats {
    if (memoryUsageBytes < 0
        || cpuUsageNanos < 0
        || pidsCurrent < 0
        || memoryInactiveFileBytes < 0) {
      throw new IllegalArgumentException(
          "negative cgroup counter: memory "
              + memoryUsageBytes
              + ", cpu "
              + cpuUsageNanos
              + ", pids "
              + pidsCurrent
              + ", inactive file "
              + memoryInactiveFileBytes);
    }
    if (memoryLimitBytes.isPresent() && memoryLimitBytes.getAsLong() <= 0) {
      throw new IllegalArgumentException("memory limit must be positive: " + memoryLimitBytes);
    }
  }
}
