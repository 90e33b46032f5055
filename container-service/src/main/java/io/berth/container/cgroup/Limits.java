package io.berth.container.cgroup;

import java.util.OptionalLong;

/**
 * The resource limits of one container's cgroup, as {@code docker run} takes them: every field is
 * optional, and an absent one leaves the kernel's current value alone.
 *
 * <p>Ranges are the kernel's: a CFS quota of at least 1 ms and a period from 1 ms to 1 s (<a
 * href="https://docs.kernel.org/scheduler/sched-bwc.html">CFS bandwidth control</a>), cpu shares
 * from 2 to 262144 ({@code MIN_SHARES} and {@code MAX_SHARES} in {@code kernel/sched/sched.h}).
 *
 * @param memoryBytes the memory limit ({@code -m}), positive
 * @param memorySwapBytes memory plus swap ({@code --memory-swap}), at least {@code memoryBytes}, or
 *     {@code -1} for unlimited swap; when only {@code memoryBytes} is given it equals it, so the
 *     container gets no swap (Docker's daemon instead defaults it to twice {@code -m} in {@code
 *     adaptContainerSettings}; a caller wanting that passes it with {@link #withMemorySwap})
 * @param cpuQuotaMicros CFS bandwidth quota per period in microseconds ({@code --cpu-quota})
 * @param cpuPeriodMicros CFS bandwidth period in microseconds ({@code --cpu-period}); defaults to
 *     {@value #DEFAULT_CPU_PERIOD_MICROS} when only a quota is given
 * @param cpuShares relative cpu weight as on cgroup v1 ({@code --cpu-shares})
 * @param pidsLimit the most tasks the cgroup may hold ({@code --pids-limit}), positive
 */
public record Limits(
    OptionalLong memoryBytes,
    OptionalLong memorySwapBytes,
    OptionalLong cpuQuotaMicros,
    OptionalLong cpuPeriodMicros,
    OptionalLong cpuShares,
    OptionalLong pidsLimit) {

  /** The CFS period {@code --cpus} uses, as Docker does. */
  public static final long DEFAULT_CPU_PERIOD_MICROS = 100_000;

  static final long MIN_CPU_QUOTA_MICROS = 1_000;
  static final long MIN_CPU_PERIOD_MICROS = 1_000;
  static final long MAX_CPU_PERIOD_MICROS = 1_000_000;
  static final long MIN_CPU_SHARES = 2;
  static final long MAX_CPU_SHARES = 262_144;

  private static final Limits NONE =
      new Limits(
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty());

  /** Checks every field and fills the defaults: memory+swap equal to memory, the CFS period. */
  public Limits {
    memoryBytes.ifPresent(m -> requireAtLeast("memory", m, 1));
    if (memorySwapBytes.isPresent()) {
      long swap = memorySwapBytes.getAsLong();
      if (memoryBytes.isEmpty()) {
        throw CgroupException.invalid(
            "memory+swap limit " + swap + " needs a memory limit as well");
      }
      if (swap != -1 && swap < memoryBytes.getAsLong()) {
        throw CgroupException.invalid(
            "memory+swap limit "
                + swap
                + " is smaller than the memory limit "
                + memoryBytes.getAsLong());
      }
    } else if (memoryBytes.isPresent()) {
      memorySwapBytes = memoryBytes;
    }
    cpuQuotaMicros.ifPresent(q -> requireAtLeast("cpu quota (µs)", q, MIN_CPU_QUOTA_MICROS));
    cpuPeriodMicros.ifPresent(
        p -> requireWithin("cpu period (µs)", p, MIN_CPU_PERIOD_MICROS, MAX_CPU_PERIOD_MICROS));
    if (cpuQuotaMicros.isPresent() && cpuPeriodMicros.isEmpty()) {
      cpuPeriodMicros = OptionalLong.of(DEFAULT_CPU_PERIOD_MICROS);
    }
    cpuShares.ifPresent(s -> requireWithin("cpu shares", s, MIN_CPU_SHARES, MAX_CPU_SHARES));
    pidsLimit.ifPresent(p -> requireAtLeast("pids limit", p, 1));
  }

  /** No limits at all: the kernel's defaults. */
  public static Limits none() {
    return NONE;
  }

  /**
   * These limits with a memory limit; memory+swap becomes the same unless set after this.
   *
   * @param bytes the limit, positive
   * @return the new limits
   */
  public Limits withMemory(long bytes) {
    return new Limits(
        OptionalLong.of(bytes),
        OptionalLong.empty(),
        cpuQuotaMicros,
        cpuPeriodMicros,
        cpuShares,
        pidsLimit);
  }

  /**
   * These limits with a memory+swap limit, as {@code --memory-swap}.
   *
   * @param bytes memory plus swap, at least the memory limit, or {@code -1} for unlimited swap
   * @return the new limits
   */
  public Limits withMemorySwap(long bytes) {
    return new Limits(
        memoryBytes, OptionalLong.of(bytes), cpuQuotaMicros, cpuPeriodMicros, cpuShares, pidsLimit);
  }

  /**
   * These limits with a CPU quota of {@code cpus} CPUs per {@value #DEFAULT_CPU_PERIOD_MICROS} µs
   * period, as {@code --cpus} (Docker's {@code NanoCpus}).
   *
   * @param cpus how many CPUs' worth of time, at least 0.01
   * @return the new limits
   */
  public Limits withCpus(double cpus) {
    if (!(cpus > 0) || Double.isInfinite(cpus)) {
      throw CgroupException.invalid("cpus must be a positive number, not " + cpus);
    }
    long quota = Math.round(cpus * DEFAULT_CPU_PERIOD_MICROS);
    if (quota < MIN_CPU_QUOTA_MICROS) {
      throw CgroupException.invalid("cpus must be at least 0.01, not " + cpus);
    }
    return withCpuQuota(quota, DEFAULT_CPU_PERIOD_MICROS);
  }

  /**
   * These limits with a CFS quota and period, as {@code --cpu-quota} and {@code --cpu-period}.
   *
   * @param quotaMicros run time per period, at least 1000 µs
   * @param periodMicros the period, 1000 µs to 1 s
   * @return the new limits
   */
  public Limits withCpuQuota(long quotaMicros, long periodMicros) {
    return new Limits(
        memoryBytes,
        memorySwapBytes,
        OptionalLong.of(quotaMicros),
        OptionalLong.of(periodMicros),
        cpuShares,
        pidsLimit);
  }

  /**
   * These limits with cpu shares, as {@code --cpu-shares}.
   *
   * @param shares 2 to 262144
   * @return the new limits
   */
  public Limits withCpuShares(long shares) {
    return new Limits(
        memoryBytes,
        memorySwapBytes,
        cpuQuotaMicros,
        cpuPeriodMicros,
        OptionalLong.of(shares),
        pidsLimit);
  }

  /**
   * These limits with a pids limit, as {@code --pids-limit}.
   *
   * @param pids the most tasks, positive
   * @return the new limits
   */
  public Limits withPidsLimit(long pids) {
    return new Limits(
        memoryBytes,
        memorySwapBytes,
        cpuQuotaMicros,
        cpuPeriodMicros,
        cpuShares,
        OptionalLong.of(pids));
  }

  private static void requireAtLeast(String what, long value, long min) {
    if (value < min) {
      throw CgroupException.invalid(what + " must be at least " + min + ", not " + value);
    }
  }

  private static void requireWithin(String what, long value, long min, long max) {
    if (value < min || value > max) {
      throw CgroupException.invalid(
          what + " must be from " + min + " to " + max + ", not " + value);
    }
  }
}
