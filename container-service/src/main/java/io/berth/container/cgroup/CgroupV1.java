package io.berth.container.cgroup;

import io.berth.events.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A container's cgroup on the v1 hierarchies: one directory per controller, following the kernel's
 * <a href="https://docs.kernel.org/admin-guide/cgroup-v1/memory.html">memory</a>, <a
 * href="https://docs.kernel.org/admin-guide/cgroup-v1/pids.html">pids</a>, <a
 * href="https://docs.kernel.org/admin-guide/cgroup-v1/freezer-subsystem.html">freezer</a> and <a
 * href="https://docs.kernel.org/admin-guide/cgroup-v1/cpuacct.html">cpuacct</a> documents and <a
 * href="https://docs.kernel.org/scheduler/sched-bwc.html">CFS bandwidth control</a>.
 */
final class CgroupV1 extends AbstractCgroup {

  /** Above this a v1 memory limit means none: the kernel reports {@code PAGE_COUNTER_MAX} pages. */
  private static final long UNLIMITED_ABOVE = 1L << 62;

  private static final long DEFAULT_SHARES = 1024;

  private final Map<String, Path> dirs;

  /**
   * @param dirs the cgroup's directory per controller: memory, cpu, cpuacct, pids and freezer
   */
  CgroupV1(String id, Map<String, Path> dirs) {
    super(id);
    this.dirs = Map.copyOf(dirs);
    for (String controller : CgroupsV1.CONTROLLERS) {
      if (!this.dirs.containsKey(controller)) {
        throw new IllegalArgumentException("no directory for controller " + controller);
      }
    }
  }

  @Override
  public CgroupVersion version() {
    return CgroupVersion.V1;
  }

  @Override
  public List<Path> directories() {
    return CgroupsV1.CONTROLLERS.stream().map(dirs::get).distinct().toList();
  }

  @Override
  Path procsFile() {
    return file("memory", "cgroup.procs");
  }

  @Override
  public void addProcess(long pid) {
    for (Path dir : directories()) {
      CgroupFiles.write(dir.resolve("cgroup.procs"), Long.toString(pid));
    }
  }

  @Override
  public void applyLimits(Limits limits) {
    if (limits.memoryBytes().isPresent()) {
      setMemory(limits.memoryBytes().getAsLong(), limits.memorySwapBytes().getAsLong());
    }
    limits.cpuPeriodMicros().ifPresent(p -> write("cpu", "cpu.cfs_period_us", p));
    limits.cpuQuotaMicros().ifPresent(q -> write("cpu", "cpu.cfs_quota_us", q));
    limits.cpuShares().ifPresent(s -> write("cpu", "cpu.shares", s));
    limits.pidsLimit().ifPresent(p -> write("pids", "pids.max", p));
  }

  /**
   * Writes memory and memory+swap in the order the kernel accepts: memory+swap may never be below
   * memory, so it goes first when memory grows (runc's {@code setMemoryAndSwap}). Without swap
   * accounting ({@code memory.memsw.*} missing) only memory is set, as Docker does.
   */
  private void setMemory(long memory, long memoryAndSwap) {
    Path memsw = file("memory", "memory.memsw.limit_in_bytes");
    if (!Files.exists(memsw)) {
      write("memory", "memory.limit_in_bytes", memory);
      return;
    }
    long current = CgroupFiles.readLong(file("memory", "memory.limit_in_bytes"));
    if (memoryAndSwap == -1 || memory > current) {
      CgroupFiles.write(memsw, Long.toString(memoryAndSwap));
      write("memory", "memory.limit_in_bytes", memory);
    } else {
      write("memory", "memory.limit_in_bytes", memory);
      CgroupFiles.write(memsw, Long.toString(memoryAndSwap));
    }
  }

  @Override
  public Limits limits() {
    OptionalLong memory = memoryLimit();
    OptionalLong memoryAndSwap = OptionalLong.empty();
    Path memsw = file("memory", "memory.memsw.limit_in_bytes");
    if (memory.isPresent() && Files.exists(memsw)) {
      long value = CgroupFiles.readLong(memsw);
      memoryAndSwap = OptionalLong.of(value > UNLIMITED_ABOVE ? -1 : value);
    }
    long quota = CgroupFiles.readLong(file("cpu", "cpu.cfs_quota_us"));
    long period = CgroupFiles.readLong(file("cpu", "cpu.cfs_period_us"));
    long shares = CgroupFiles.readLong(file("cpu", "cpu.shares"));
    return new Limits(
        memory,
        memoryAndSwap,
        quota < 0 ? OptionalLong.empty() : OptionalLong.of(quota),
        quota < 0 ? OptionalLong.empty() : OptionalLong.of(period),
        shares == DEFAULT_SHARES ? OptionalLong.empty() : OptionalLong.of(shares),
        CgroupFiles.readLimit(file("pids", "pids.max")));
  }

  private OptionalLong memoryLimit() {
    long value = CgroupFiles.readLong(file("memory", "memory.limit_in_bytes"));
    return value > UNLIMITED_ABOVE ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /**
   * Writes FROZEN until the state reads FROZEN: it may read FREEZING while tasks are still being
   * stopped or new ones appear, and writing again retries (runc's v1 freezer does the same).
   */
  @Override
  public void freeze() {
    Path state = file("freezer", "freezer.state");
    boolean frozen =
        Poll.until(
            () -> {
              CgroupFiles.write(state, "FROZEN");
              return CgroupFiles.read(state).equals("FROZEN");
            },
            SETTLE_TIMEOUT);
    if (!frozen) {
      CgroupFiles.write(state, "THAWED");
      throw new CgroupException(
          ErrorCode.UNAVAILABLE,
          "cgroup "
              + id()
              + " did not freeze within "
              + SETTLE_TIMEOUT
              + ": "
              + state
              + " stayed FREEZING; thawed it again",
          state,
          null);
    }
  }

  @Override
  public void thaw() {
    CgroupFiles.write(file("freezer", "freezer.state"), "THAWED");
  }

  @Override
  public boolean frozen() {
    return CgroupFiles.read(file("freezer", "freezer.state")).equals("FROZEN");
  }

  @Override
  public CgroupStats stats() {
    return new CgroupStats(
        CgroupFiles.readLong(file("memory", "memory.usage_in_bytes")),
        memoryLimit(),
        CgroupFiles.readLong(file("cpuacct", "cpuacct.usage")),
        CgroupFiles.readLong(file("pids", "pids.current")),
        CgroupFiles.readKey(file("memory", "memory.stat"), "total_inactive_file"));
  }

  /** The {@code oom_kill} counter of {@code memory.oom_control}, there since Linux 4.13. */
  @Override
  public boolean oomKilled() {
    Path oomControl = file("memory", "memory.oom_control");
    Long kills = CgroupFiles.readKeyed(oomControl).get("oom_kill");
    if (kills == null) {
      throw new CgroupException(
          ErrorCode.FAILED_PRECONDITION,
          oomControl + " has no oom_kill counter (Linux 4.13 or later has it)",
          oomControl,
          null);
    }
    return kills > 0;
  }

  private Path file(String controller, String name) {
    return dirs.get(controller).resolve(name);
  }

  private void write(String controller, String name, long value) {
    CgroupFiles.write(file(controller, name), Long.toString(value));
  }
}
