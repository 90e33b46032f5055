package io.berth.launcher.linux;

import java.util.function.IntSupplier;
import java.util.function.Supplier;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Memory;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Typed entry points to the few system calls the supervisor makes (subreaper, pidfds, fd flags);
 * every failure becomes a {@link LinuxException} naming the call and its arguments, thrown only
 * here. Constants are named as in C; x86_64 and aarch64 agree on all of them.
 */
public final class Linux {

  // prctl(2)
  public static final int PR_SET_CHILD_SUBREAPER = 36;
  public static final int PR_GET_CHILD_SUBREAPER = 37;

  // fcntl(2)
  public static final int F_GETFD = 1;
  public static final int F_SETFD = 2;
  public static final int FD_CLOEXEC = 1;
  public static final int F_SETPIPE_SZ = 1031;
  public static final int F_GETPIPE_SZ = 1032;

  // waitid(2)
  public static final int P_PIDFD = 3;
  public static final int WEXITED = 4;
  public static final int __WALL = 0x40000000;
  public static final int CLD_EXITED = 1;
  public static final int CLD_KILLED = 2;
  public static final int CLD_DUMPED = 3;

  // errno(3)
  public static final int ESRCH = 3;
  public static final int EINTR = 4;
  public static final int EBADF = 9;
  public static final int ECHILD = 10;
  public static final int EPERM = 1;
  public static final int EINVAL = 22;

  private static final int SIGINFO_SIZE = 128;

  /** Loaded on first use, so that naming the class is free. */
  private static final class Native {
    static final LibC LIBC =
        LibraryLoader.create(LibC.class)
            .option(LibraryOption.LoadNow, true)
            .load(Platform.getNativePlatform().getStandardCLibraryName());
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
  }

  private Linux() {}

  /** prctl(2) PR_SET_CHILD_SUBREAPER: orphaned descendants become this process's children. */
  public static void becomeChildSubreaper() {
    check(
        Native.LIBC.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0),
        "prctl",
        () -> "PR_SET_CHILD_SUBREAPER, 1");
  }

  /** prctl(2) PR_GET_CHILD_SUBREAPER. */
  public static boolean isChildSubreaper() {
    Pointer flag = Memory.allocateDirect(Native.RUNTIME, 4, true);
    check(
        Native.LIBC.prctl(PR_GET_CHILD_SUBREAPER, flag.address(), 0, 0, 0),
        "prctl",
        () -> "PR_GET_CHILD_SUBREAPER");
    return flag.getInt(0) != 0;
  }

  /** pidfd_open(2): a file descriptor naming {@code pid} (close-on-exec). */
  public static int pidfdOpen(long pid) {
    return (int)
        check(
            Native.LIBC.syscall(Syscalls.SYS_pidfd_open, pid, 0, 0),
            "pidfd_open",
            () -> "pid=" + pid + ", flags=0");
  }

  /**
   * pidfd_getfd(2): a duplicate, in this process, of file descriptor {@code targetFd} of the
   * process {@code pidfd} names (the new descriptor has FD_CLOEXEC set).
   */
  public static int pidfdGetfd(int pidfd, int targetFd) {
    return (int)
        check(
            Native.LIBC.syscall(Syscalls.SYS_pidfd_getfd, pidfd, targetFd, 0),
            "pidfd_getfd",
            () -> "pidfd=" + pidfd + ", targetfd=" + targetFd + ", flags=0");
  }

  /** close(2). */
  public static void close(int fd) {
    check(Native.LIBC.close(fd), "close", () -> "fd=" + fd);
  }

  /** fcntl(2) with an int argument; returns the call's result. */
  public static int fcntl(int fd, int cmd, int arg) {
    return check(
        Native.LIBC.fcntl(fd, cmd, arg),
        "fcntl",
        () -> "fd=" + fd + ", cmd=" + cmd + ", arg=" + arg);
  }

  /**
   * waitid(2) {@code P_PIDFD, WEXITED | __WALL}: blocks until the child {@code pidfd} names has
   * ended, reaps it and says how it ended. Retried on EINTR.
   */
  public static ExitStatus waitPidfd(int pidfd) {
    Pointer info = Memory.allocateDirect(Native.RUNTIME, SIGINFO_SIZE, true);
    int options = WEXITED | __WALL;
    retryOnEintr(
        () -> Native.LIBC.waitid(P_PIDFD, pidfd, info, options),
        "waitid",
        () -> "P_PIDFD, " + pidfd + ", WEXITED|__WALL");
    // siginfo_t on LP64: si_signo, si_errno, si_code, padding, si_pid, si_uid, si_status.
    return ExitStatus.fromSiginfo(info.getInt(8), info.getInt(24));
  }

  private static int retryOnEintr(IntSupplier call, String name, Supplier<String> arguments) {
    while (true) {
      int result = call.getAsInt();
      if (result != -1 || Native.RUNTIME.getLastError() != EINTR) {
        return check(result, name, arguments);
      }
    }
  }

  private static int check(int result, String call, Supplier<String> arguments) {
    return (int) check((long) result, call, arguments);
  }

  /** The one place an errno becomes an exception. */
  private static long check(long result, String call, Supplier<String> arguments) {
    if (result == -1) {
      int errno = Native.RUNTIME.getLastError();
      throw new LinuxException(call, arguments.get(), errno, Native.LIBC.strerror(errno));
    }
    return result;
  }
}
