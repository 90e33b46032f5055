package io.berth.container.linux;

import java.util.Locale;

/**
 * The one table of system call numbers for calls that glibc does not wrap, named as in {@code
 * <sys/syscall.h>}; x86_64 numbers come from {@code arch/x86/entry/syscalls/syscall_64.tbl},
 * aarch64 ones from {@code include/uapi/asm-generic/unistd.h}.
 *
 * <p>On any other architecture every number is {@code -1}, which the kernel answers with {@code
 * ENOSYS}, so the failure names the call instead of the class failing to load.
 */
final class Syscalls {

  /** {@code os.arch} as the JVM reports it ({@code amd64} for x86_64). */
  static final String ARCH = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);

  /** https://man7.org/linux/man-pages/man2/pivot_root.2.html */
  static final long SYS_pivot_root = number(ARCH, 155, 41);

  /** https://man7.org/linux/man-pages/man2/pidfd_open.2.html */
  static final long SYS_pidfd_open = number(ARCH, 434, 434);

  /** https://man7.org/linux/man-pages/man2/pidfd_send_signal.2.html */
  static final long SYS_pidfd_send_signal = number(ARCH, 424, 424);

  /** Per-thread credentials without glibc's all-threads broadcast: setgroups(2), setresuid(2). */
  static final long SYS_setgroups = number(ARCH, 116, 159);

  static final long SYS_setresuid = number(ARCH, 117, 147);

  static final long SYS_setresgid = number(ARCH, 119, 149);

  /** The mount API: https://man7.org/linux/man-pages/man2/fsopen.2.html and its siblings. */
  static final long SYS_open_tree = number(ARCH, 428, 428);

  static final long SYS_move_mount = number(ARCH, 429, 429);

  static final long SYS_fsopen = number(ARCH, 430, 430);

  static final long SYS_fsconfig = number(ARCH, 431, 431);

  static final long SYS_fsmount = number(ARCH, 432, 432);

  /** https://man7.org/linux/man-pages/man2/pidfd_getfd.2.html */
  static final long SYS_pidfd_getfd = number(ARCH, 438, 438);

  private Syscalls() {}

  /** The number of a call on {@code arch}, or {@code -1} where the table has no column for it. */
  static long number(String arch, long x86_64, long aarch64) {
    return switch (arch) {
      case "amd64", "x86_64" -> x86_64;
      case "aarch64", "arm64" -> aarch64;
      default -> -1;
    };
  }
}
