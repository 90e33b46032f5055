package io.berth.launcher.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Variadic;

/**
 * The launcher's one JNR-FFI binding to the C library, every function named and typed as in C
 * (LP64: C {@code long} is Java {@code long}, {@code pid_t} is {@code int}).
 *
 * <p>Return codes and {@code errno} are raw here; callers use {@link Linux}, which turns them into
 * {@link LinuxException}. Calls without a glibc wrapper go through {@code syscall(2)} with numbers
 * from {@link Syscalls}.
 */
public interface LibC {

  // https://man7.org/linux/man-pages/man2/prctl.2.html
  @Variadic(fixedCount = 1)
  int prctl(int option, long arg2, long arg3, long arg4, long arg5);

  // https://man7.org/linux/man-pages/man2/close.2.html
  int close(int fd);

  // https://man7.org/linux/man-pages/man2/fcntl.2.html
  @Variadic(fixedCount = 2)
  int fcntl(int fd, int cmd, int arg);

  // https://man7.org/linux/man-pages/man2/waitid.2.html
  int waitid(int idtype, int id, Pointer infop, int options);

  // syscall(2) for pidfd_open and pidfd_getfd
  @Variadic(fixedCount = 1)
  long syscall(long number, long arg1, long arg2, long arg3);

  String strerror(int errnum);
}
