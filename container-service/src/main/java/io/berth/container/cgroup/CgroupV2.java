package io.berth.container.cgroup;

import io.berth.events.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A container's cgroup on the unified v2 hierarchy, one directory; interface files as in <a
 * href="https://docs.kernel.org/admin-guide/cgroup-v2.html">cgroup-v2</a> ("Core Interface Files",
 * "Memory", "CPU", "PID").
 */
final class CgroupV2 extends AbstractCgroup {

  private final Path dir;

  CgroupV2(String id, Path dir) {
    super(id);
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  @Override
  public CgroupVersion version() {
    return CgroupVersion.V2;
  }

  @Override
  public List<Path> directories() {
    return List.of(dir);
  }

  @Override
  Path procsFile() {
    return dir.resolve("cgroup.procs");
  }

  @Override
  public void addProcess(long pid) {
    CgroupFiles.write(procsFile(), Long.toString(pid));
  }

  /**
   * Writes {@code memory.max}, {@code memory.swap.max} (memory+swap less memory, as runc's {@code
   * ConvertMemorySwapToCgroupV2Value}), {@code cpu.max} ("$MAX $PERIOD"), {@code cpu.weight} from
   * shares by runc's formula, and {@code pids.max}.
   */
  @Override
  public void applyLimits(Limits limits) {
    if (limits.memoryBytes().isPresent()) {
      long memory = limits.memoryBytes().getAsLong();
      long memoryAndSwap = limits.memorySwapBytes().getAsLong();
      write("memory.max", Long.toString(memory));
      Path swapMax = dir.resolve("memory.swap.max");
      if (Files.exists(swapMax)) {
        CgroupFiles.write(
            swapMax, memoryAndSwap == -1 ? "max" : Long.toString(memoryAndSwap - memory));
      }
    }
    if (limits.cpuPeriodMicros().isPresent()) {
      String quota =
          limits.cpuQuotaMicros().isPresent()
              ? Long.toString(limits.cpuQuotaMicros().getAsLong())
              : "max";
      write("cpu.max", quota + " " + limits.cpuPeriodMicros().getAsLong());
    }
    limits.cpuShares().ifPresent(s -> write("cpu.weight", Long.toString(CpuWeight.fromShares(s))));
    limits.pidsLimit().ifPresent(p -> write("pids.max", Long.toString(p)));
  }

  @Override
  public Limits limits() {
    OptionalLong memory = CgroupFiles.readLimit(dir.resolve("memory.max"));
    OptionalLong memoryAndSwap = OptionalLong.empty();
    Path swapMax = dir.resolve("memory.swap.max");
    if (memory.isPresent() && Files.exists(swapMax)) {
      OptionalLong swap = CgroupFiles.readLimit(swapMax);
      memoryAndSwap =
          OptionalLong.of(swap.isPresent() ? memory.getAsLong() + swap.getAsLong() : -1);
    }
    String[] cpuMax = CgroupFiles.read(dir.resolve("cpu.max")).split(" ");
    boolean quota = !cpuMax[0].equals("max");
    long weight = CgroupFiles.readLong(dir.resolve("cpu.weight"));
    return new Limits(
        memory,
        memoryAndSwap,
        quota ? OptionalLong.of(Long.parseLong(cpuMax[0])) : OptionalLong.empty(),
        quota ? OptionalLong.of(Long.parseLong(cpuMax[1])) : OptionalLong.empty(),
        weight == CpuWeight.DEFAULT_WEIGHT
            ? OptionalLong.empty()
            : OptionalLong.of(CpuWeight.toShares(weight)),
        CgroupFiles.readLimit(dir.resolve("pids.max")));
  }

  /** Writes 1 to {@code cgroup.freeze} and waits for {@code frozen 1} in {@code cgroup.events}. */
  @Override
  public void freeze() {
    write("cgroup.freeze", "1");
    if (!Poll.until(this::frozen, SETTLE_TIMEOUT)) {
      write("cgroup.freeze", "0");
      throw new CgroupException(
          ErrorCode.UNAVAILABLE,
          "cgroup "
              + id()
              + " did not report frozen in "
              + dir.resolve("cgroup.events")
              + " within "
              + SETTLE_TIMEOUT
              + "; thawed it again",
          dir.resolve("cgroup.events"),
          null);
    }
  }

  @Override
  public void thaw() {
    write("cgroup.freeze", "0");
    Poll.until(() -> !frozen(), SETTLE_TIMEOUT);
  }

  @Override
  public boolean frozen() {
    return CgroupFiles.readKey(dir.resolve("cgroup.events"), "frozen") == 1;
  }

  @Override
  public CgroupStats stats() {
    return new CgroupStats(
        CgroupFiles.readLong(dir.resolve("memory.current")),
        CgroupFiles.readLimit(dir.resolve("memory.max")),
        CgroupFiles.readKey(dir.resolve("cpu.stat"), "usage_usec") * 1000,
        CgroupFiles.readLong(dir.resolve("pids.current")),
        CgroupFiles.readKey(dir.resolve("memory.stat"), "inactive_file"));
  }

  @Override
  public boolean oomKilled() {
    return CgroupFiles.readKey(dir.resolve("memory.events"), "oom_kill") > 0;
  }

  /** Uses {@code cgroup.kill} (Linux 5.14) when there is one, which no fork can race. */
  @Override
  void signalKill() {
    Path kill = dir.resolve("cgroup.kill");
    if (Files.exists(kill)) {
      CgroupFiles.write(kill, "1");
    } else {
      super.signalKill();
    }
  }

  private void write(String name, String value) {
    CgroupFiles.write(dir.resolve(name), value);
  }
}
