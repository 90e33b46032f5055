package io.berth.container.cgroup;

/**
 * Converts cgroup v1 cpu shares (2..262144) to cgroup v2 {@code cpu.weight} (1..10000) and back.
 *
 * <p>The forward formula is runc's {@code ConvertCPUSharesToCgroupV2Value}, so a container gets the
 * weight it would get under runc: {@code weight = 1 + ((shares - 2) * 9999) / 262142} (<a
 * href="https://github.com/opencontainers/runc/blob/v1.1.12/libcontainer/cgroups/utils.go">runc 1.1
 * utils.go</a>); {@code cpu.weight} is described in <a
 * href="https://docs.kernel.org/admin-guide/cgroup-v2.html#weights">cgroup-v2, "Weights"</a>.
 */
final class CpuWeight {

  /** The weight of a cgroup nobody set one for. */
  static final long DEFAULT_WEIGHT = 100;

  private CpuWeight() {}

  /** The v2 weight runc writes for these v1 shares. */
  static long fromShares(long shares) {
    return 1 + ((shares - 2) * 9999) / 262142;
  }

  /**
   * The largest shares that {@link #fromShares} maps to this weight, so reading back what was
   * written is stable and the common 1024 comes back as 1024.
   */
  static long toShares(long weight) {
    long shares = 2 + (weight * 262142 - 1) / 9999;
    return Math.min(shares, Limits.MAX_CPU_SHARES);
  }
}
