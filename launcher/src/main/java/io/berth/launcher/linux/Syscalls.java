package io.berth.launcher.linux;

import java.util.Locale;

/**
 * System call numbers for calls glibc does not wrap, named as in {@code <sys/syscall.h>}: x86_64
 * from {@code arch/x86/entry/syscalls/syscall_64.tbl}, aarch64 from {@code
 * include/uapi/asm-generic/unistd.h}. Elsewhere every number is {@code -1}, which the kernel
 * answers with {@code ENOSYS}.
 */
final class Syscalls {

  static final String ARCH = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);

  /** https://man7.org/linux/man-pages/man2/pidfd_open.2.html */
  static final long SYS_pidfd_open = number(ARCH, 434, 434);

  /** https://man7.org/linux/man-pages/man2/pidfd_getfd.2.html */
  static final long SYS_pidfd_getfd = number(ARCH, 438, 438);

  private Syscalls() {}

  static long number(String arch, long x86_64, long aarch64) {
    return switch (arch) {
      case "amd64", "x86_64" -> x86_64;
      case "aarch64", "arm64" -> aarch64;
      default -> -1;
    };
  }
}
