package io.berth.container.linux;

import jnr.ffi.Pointer;

/**
 * A thread's three capability sets (capabilities(7)) as 64-bit masks, bit {@code n} for capability
 * {@code n}, read and written with capget(2) and capset(2) in the version-3 layout.
 *
 * @param effective the capabilities the kernel checks
 * @param permitted the ones the thread may make effective
 * @param inheritable the ones kept across execve(2) for files that allow them
 */
public record Capabilities(long effective, long permitted, long inheritable) {

  /** Two {@code __user_cap_data_struct}s of three 32-bit words: low and high halves. */
  static final int DATA_SIZE = 24;

  /** Whether capability {@code cap} ({@code LinuxConstants.CAP_*}) is effective. */
  public boolean hasEffective(int cap) {
    return (effective & (1L << cap)) != 0;
  }

  static Capabilities read(Pointer data) {
    return new Capabilities(
        join(data.getInt(0), data.getInt(12)),
        join(data.getInt(4), data.getInt(16)),
        join(data.getInt(8), data.getInt(20)));
  }

  void write(Pointer data) {
    data.putInt(0, (int) effective);
    data.putInt(4, (int) permitted);
    data.putInt(8, (int) inheritable);
    data.putInt(12, (int) (effective >>> 32));
    data.putInt(16, (int) (permitted >>> 32));
    data.putInt(20, (int) (inheritable >>> 32));
  }

  private static long join(int low, int high) {
    return (low & 0xffffffffL) | ((long) high << 32);
  }
}
