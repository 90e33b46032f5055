package io.berth.layer.fs;

/**
 * Packs and unpacks Linux {@code dev_t} values, as glibc's {@code makedev(3)}, {@code major(3)} and
 * {@code minor(3)} macros do (see {@code <sys/sysmacros.h>}).
 */
public final class DeviceNumbers {

  private DeviceNumbers() {}

  /** The {@code dev_t} for a major and minor device number. */
  public static long makedev(int major, int minor) {
    long ma = Integer.toUnsignedLong(major);
    long mi = Integer.toUnsignedLong(minor);
    return ((ma & 0xfffff000L) << 32)
        | ((ma & 0x00000fffL) << 8)
        | ((mi & 0xffffff00L) << 12)
        | (mi & 0x000000ffL);
  }

  /** The major number of a {@code dev_t}. */
  public static int major(long dev) {
    return (int) (((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0x00000fffL));
  }

  /** The minor number of a {@code dev_t}. */
  public static int minor(long dev) {
    return (int) (((dev >>> 12) & 0xffffff00L) | (dev & 0x000000ffL));
  }
}
