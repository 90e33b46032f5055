package io.berth.container.linux;

import static io.berth.container.linux.LinuxConstants.EINTR;
import static io.berth.container.linux.LinuxConstants._LINUX_CAPABILITY_VERSION_3;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Memory;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Typed Java entry points to the system calls the runtime makes through {@link LibC}; every failure
 * becomes a {@link LinuxException} naming the call and its arguments, and this class is the only
 * place that throws one.
 *
 * <p>Calls that act on "the caller" act on the calling <em>thread</em>: {@code unshare}, {@code
 * setns}, {@code chdir}, {@code capset} change one JVM thread, not the JVM.
 */
public final class Linux {

  /** The library and its runtime, loaded on first use so that merely naming the class is free. */
  private static final class Native {
    static final LibC LIBC =
        LibraryLoader.create(LibC.class)
            .option(LibraryOption.LoadNow, true)
            .load(Platform.getNativePlatform().getStandardCLibraryName());
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
  }

  private static final int SIGINFO_SIZE = 128;

  private Linux() {}

  /**
   * Loads the library and makes one native allocation, which starts JNR's lazy finalizer thread;
   * call it on a thread before that thread leaves its pid namespace, where it could not start one.
   */
  public static void preload() {
    allocate(8);
  }

  /** unshare(2): moves the calling thread into new namespaces (CLONE_NEW* {@code flags}). */
  public static void unshare(int flags) {
    check(libc().unshare(flags), "unshare", () -> "flags=" + Namespace.describe(flags));
  }

  /** setns(2): moves the calling thread into the namespace that {@code fd} refers to. */
  public static void setns(int fd, int nstype) {
    check(
        libc().setns(fd, nstype),
        "setns",
        () -> "fd=" + fd + ", nstype=" + Namespace.describe(nstype));
  }

  /** sethostname(2), in the calling thread's UTS namespace. */
  public static void sethostname(String name) {
    int length = name.getBytes(StandardCharsets.UTF_8).length;
    check(libc().sethostname(name, length), "sethostname", () -> "name=" + name);
  }

  /** mount(2); {@code source}, {@code fstype} and {@code data} may be null. */
  public static void mount(String source, String target, String fstype, long flags, String data) {
    check(
        libc().mount(source, target, fstype, flags, data),
        "mount",
        () -> String.join(", ", source, target, fstype, "0x" + Long.toHexString(flags), data));
  }

  /** umount2(2). */
  public static void umount2(String target, int flags) {
    check(libc().umount2(target, flags), "umount2", () -> target + ", " + flags);
  }

  /** chdir(2), for the calling thread once it has its own filesystem context. */
  public static void chdir(String path) {
    check(libc().chdir(path), "chdir", () -> path);
  }

  /** fchdir(2). */
  public static void fchdir(int fd) {
    check(libc().fchdir(fd), "fchdir", () -> "fd=" + fd);
  }

  /** chroot(2). */
  public static void chroot(String path) {
    check(libc().chroot(path), "chroot", () -> path);
  }

  /** pivot_root(2), through syscall(2). https://man7.org/linux/man-pages/man2/pivot_root.2.html */
  public static void pivotRoot(String newRoot, String putOld) {
    check(
        libc().syscall(Syscalls.SYS_pivot_root, newRoot, putOld),
        "pivot_root",
        () -> newRoot + ", " + putOld);
  }

  /** open(2); returns the new file descriptor. */
  public static int open(String path, int flags, int mode) {
    return check(
        libc().open(path, flags, mode),
        "open",
        () -> path + ", 0" + Integer.toOctalString(flags) + ", 0" + Integer.toOctalString(mode));
  }

  /** close(2). */
  public static void close(int fd) {
    check(libc().close(fd), "close", () -> "fd=" + fd);
  }

  /** getpid(2): the JVM's process id. */
  public static int getpid() {
    return libc().getpid();
  }

  /** gettid(2): the calling thread's id. */
  public static int gettid() {
    return libc().gettid();
  }

  /** kill(2). */
  public static void kill(int pid, int signal) {
    check(libc().kill(pid, signal), "kill", () -> "pid=" + pid + ", sig=" + signal);
  }

  /** pidfd_open(2): a file descriptor that names {@code pid} for as long as it is open. */
  public static int pidfdOpen(int pid) {
    long fd = libc().syscall(Syscalls.SYS_pidfd_open, pid, 0);
    return (int) check(fd, "pidfd_open", () -> "pid=" + pid + ", flags=0");
  }

  /** pidfd_send_signal(2): signals the process a pidfd names, immune to pid reuse. */
  public static void pidfdSendSignal(int pidfd, int signal) {
    check(
        libc().syscall(Syscalls.SYS_pidfd_send_signal, pidfd, signal, 0, 0),
        "pidfd_send_signal",
        () -> "pidfd=" + pidfd + ", sig=" + signal + ", info=NULL, flags=0");
  }

  /**
   * pidfd_getfd(2): a duplicate, in this process, of file descriptor {@code targetFd} of the
   * process {@code pidfd} names; the new descriptor is close-on-exec.
   */
  public static int pidfdGetfd(int pidfd, int targetFd) {
    long fd = libc().syscall(Syscalls.SYS_pidfd_getfd, pidfd, targetFd, 0, 0);
    return (int)
        check(fd, "pidfd_getfd", () -> "pidfd=" + pidfd + ", targetfd=" + targetFd + ", flags=0");
  }

  /**
   * fcntl(2) with an int argument ({@code F_SETFD}, {@code F_SETPIPE_SZ}, ...); returns its result.
   */
  public static int fcntl(int fd, int cmd, int arg) {
    return check(
        libc().fcntl(fd, cmd, arg), "fcntl", () -> "fd=" + fd + ", cmd=" + cmd + ", arg=" + arg);
  }

  /**
   * waitpid(2), retried on EINTR.
   *
   * @return how the child ended, or empty when {@code WNOHANG} found it still running
   */
  public static Optional<ExitStatus> waitpid(int pid, int options) {
    int[] status = new int[1];
    int reaped = retryOnEintr(() -> libc().waitpid(pid, status, options), "waitpid", pid, options);
    return reaped == 0 ? Optional.empty() : Optional.of(ExitStatus.fromWaitStatus(status[0]));
  }

  /**
   * waitid(2) for {@code WEXITED} children ({@code P_PID} or {@code P_PIDFD}), retried on EINTR.
   *
   * @return how the child ended, or empty when {@code WNOHANG} found it still running
   */
  public static Optional<ExitStatus> waitid(int idtype, int id, int options) {
    Pointer info = allocate(SIGINFO_SIZE);
    retryOnEintr(() -> libc().waitid(idtype, id, info, options), "waitid", id, options);
    // siginfo_t on LP64: si_signo, si_errno, si_code, padding, then si_pid, si_uid, si_status.
    if (info.getInt(16) == 0) {
      return Optional.empty();
    }
    return Optional.of(ExitStatus.fromSiginfo(info.getInt(8), info.getInt(24)));
  }

  /** prctl(2); returns the call's non-negative result. */
  public static int prctl(int option, long arg2, long arg3, long arg4, long arg5) {
    return check(
        libc().prctl(option, arg2, arg3, arg4, arg5),
        "prctl",
        () -> option + ", " + arg2 + ", " + arg3 + ", " + arg4 + ", " + arg5);
  }

  /** capget(2): the capability sets of {@code pid} (0 for the calling thread). */
  public static Capabilities capget(int pid) {
    Pointer header = capabilityHeader(pid);
    Pointer data = allocate(Capabilities.DATA_SIZE);
    check(libc().capget(header, data), "capget", () -> "pid=" + pid);
    return Capabilities.read(data);
  }

  /** capset(2): replaces the calling thread's capability sets. */
  public static void capset(Capabilities capabilities) {
    Pointer data = allocate(Capabilities.DATA_SIZE);
    capabilities.write(data);
    check(libc().capset(capabilityHeader(0), data), "capset", capabilities::toString);
  }

  /** strerror(3). */
  public static String strerror(int errno) {
    return libc().strerror(errno);
  }

  /** posix_spawnp(3); returns the child's pid (valid in the caller's pid namespace). */
  static int posixSpawnp(
      SpawnFileActions actions, SpawnAttributes attributes, String[] argv, String[] envp) {
    int[] pid = new int[1];
    checkReturned(
        libc().posix_spawnp(pid, argv[0], actions.pointer(), attributes.pointer(), argv, envp),
        "posix_spawnp",
        () -> "file=" + argv[0] + ", argv=" + String.join(" ", argv));
    return pid[0];
  }

  /** For the posix_spawn(3) family, which return an error number instead of setting errno. */
  static void checkReturned(int error, String call, Supplier<String> arguments) {
    if (error != 0) {
      raise(call, arguments, error);
    }
  }

  static LibC libc() {
    return Native.LIBC;
  }

  /** Zeroed native memory, released by JNR once unreachable. */
  static Pointer allocate(int size) {
    return Memory.allocateDirect(Native.RUNTIME, size, true);
  }

  private static Pointer capabilityHeader(int pid) {
    Pointer header = allocate(8);
    header.putInt(0, _LINUX_CAPABILITY_VERSION_3);
    header.putInt(4, pid);
    return header;
  }

  private static int retryOnEintr(
      java.util.function.IntSupplier call, String name, int id, int options) {
    while (true) {
      int result = call.getAsInt();
      if (result != -1 || Native.RUNTIME.getLastError() != EINTR) {
        return check(
            result, name, () -> "id=" + id + ", options=0x" + Integer.toHexString(options));
      }
    }
  }

  private static int check(int result, String call, Supplier<String> arguments) {
    return (int) check((long) result, call, arguments);
  }

  private static long check(long result, String call, Supplier<String> arguments) {
    if (result == -1) {
      raise(call, arguments, Native.RUNTIME.getLastError());
    }
    return result;
  }

  /** The one place an errno becomes an exception. */
  private static void raise(String call, Supplier<String> arguments, int errno) {
    throw new LinuxException(call, arguments.get(), errno, strerror(errno));
  }

  // --- the container runtime ---------------------------------------------------------------

  /**
   * lgetxattr(2) of a small attribute (at most 255 bytes) of a file, or of a link itself.
   *
   * @return the value, or empty when the file does not have the attribute or its file system has no
   *     such attributes ({@code ENODATA}, {@code EOPNOTSUPP})
   */
  public static Optional<byte[]> lgetxattr(String path, String name) {
    byte[] value = new byte[255];
    long read = libc().lgetxattr(path, name, value, value.length);
    if (read == -1) {
      int errno = Native.RUNTIME.getLastError();
      if (errno == LinuxConstants.ENODATA || errno == LinuxConstants.EOPNOTSUPP) {
        return Optional.empty();
      }
      raise("lgetxattr", () -> path + ", " + name, errno);
    }
    return Optional.of(java.util.Arrays.copyOf(value, (int) read));
  }

  /** pipe2(2); returns {read end, write end}. */
  public static int[] pipe2(int flags) {
    int[] fds = new int[2];
    check(libc().pipe2(fds, flags), "pipe2", () -> "flags=0" + Integer.toOctalString(flags));
    return fds;
  }

  /** poll(2) for one fd becoming readable (a pidfd: its process ended); -1 waits forever. */
  public static boolean pollReadable(int fd, int timeoutMillis) {
    Pointer pollfd = allocate(8);
    pollfd.putInt(0, fd);
    pollfd.putShort(4, (short) 1); // POLLIN
    while (true) {
      int n = libc().poll(pollfd, 1, timeoutMillis);
      if (n == -1 && Native.RUNTIME.getLastError() == EINTR) {
        continue;
      }
      return check(n, "poll", () -> "fd=" + fd) > 0;
    }
  }

  /** mknod(2) of a character device {@code major:minor}. */
  public static void mknodChar(String path, int mode, int major, int minor) {
    long dev =
        ((long) (major & 0xfffff000) << 32)
            | ((major & 0xfff) << 8)
            | ((long) (minor & 0xffffff00) << 12)
            | (minor & 0xff);
    check(
        libc().mknod(path, LinuxConstants.S_IFCHR | mode, dev),
        "mknod",
        () -> path + ", c " + major + ":" + minor);
  }

  /** mkfifo(3). */
  public static void mkfifo(String path, int mode) {
    check(libc().mkfifo(path, mode), "mkfifo", () -> path);
  }

  /** chown(2). */
  public static void chown(String path, int uid, int gid) {
    check(libc().chown(path, uid, gid), "chown", () -> path + ", " + uid + ":" + gid);
  }

  /** chmod(2). */
  public static void chmod(String path, int mode) {
    check(libc().chmod(path, mode), "chmod", () -> path + ", 0" + Integer.toOctalString(mode));
  }

  /** unlink(2). */
  public static void unlink(String path) {
    check(libc().unlink(path), "unlink", () -> path);
  }

  /** read(2), retried on EINTR; returns 0 at end of file. */
  public static int read(int fd, byte[] buffer) {
    while (true) {
      long n = libc().read(fd, buffer, buffer.length);
      if (n != -1 || Native.RUNTIME.getLastError() != EINTR) {
        return (int) check(n, "read", () -> "fd=" + fd);
      }
    }
  }

  /** write(2) of the whole range, retried on EINTR and short writes. */
  public static void writeFully(int fd, byte[] buffer, int length) {
    byte[] rest = buffer;
    int left = length;
    while (left > 0) {
      long n = libc().write(fd, rest, left);
      if (n == -1 && Native.RUNTIME.getLastError() == EINTR) {
        continue;
      }
      check(n, "write", () -> "fd=" + fd);
      left -= (int) n;
      if (left > 0) {
        rest = java.util.Arrays.copyOfRange(rest, (int) n, (int) n + left);
      }
    }
  }

  /** ioctl(2) with an int in and out through a pointer; returns the int after the call. */
  public static int ioctlInt(int fd, long request, int value) {
    Pointer arg = allocate(4);
    arg.putInt(0, value);
    check(
        libc().ioctl(fd, request, arg),
        "ioctl",
        () -> "fd=" + fd + ", 0x" + Long.toHexString(request));
    return arg.getInt(0);
  }

  /** TIOCSWINSZ: sets a terminal's size. */
  public static void setWindowSize(int fd, int rows, int columns) {
    Pointer size = allocate(8);
    size.putShort(0, (short) rows);
    size.putShort(2, (short) columns);
    check(
        libc().ioctl(fd, LinuxConstants.TIOCSWINSZ, size),
        "ioctl",
        () -> "fd=" + fd + ", TIOCSWINSZ " + rows + "x" + columns);
  }

  /** setgroups(2) for the calling thread only (no glibc broadcast to the JVM's other threads). */
  public static void setgroupsThread(int[] groups) {
    Pointer list = allocate(Math.max(4, groups.length * 4));
    for (int i = 0; i < groups.length; i++) {
      list.putInt(i * 4L, groups[i]);
    }
    check(
        libc().syscall(Syscalls.SYS_setgroups, groups.length, list),
        "setgroups",
        () -> java.util.Arrays.toString(groups));
  }

  /** setresgid(2) for the calling thread only. */
  public static void setresgidThread(int gid) {
    check(libc().syscall(Syscalls.SYS_setresgid, gid, gid, gid), "setresgid", () -> "gid=" + gid);
  }

  /** setresuid(2) for the calling thread only. */
  public static void setresuidThread(int uid) {
    check(libc().syscall(Syscalls.SYS_setresuid, uid, uid, uid), "setresuid", () -> "uid=" + uid);
  }

  /**
   * A detached procfs mount for the pid namespace at {@code pidNamespacePath} (fsopen(2),
   * fsconfig(2) with {@code pidns}, fsmount(2)): nosuid, nodev, noexec. Returns the mount's fd.
   */
  public static int procMountFor(String pidNamespacePath) {
    int fs =
        (int)
            check(
                libc().syscall(Syscalls.SYS_fsopen, "proc", LinuxConstants.FSOPEN_CLOEXEC),
                "fsopen",
                () -> "proc");
    try {
      check(
          libc()
              .syscall(
                  Syscalls.SYS_fsconfig,
                  fs,
                  LinuxConstants.FSCONFIG_SET_STRING,
                  "pidns",
                  pidNamespacePath,
                  0),
          "fsconfig",
          () -> "pidns=" + pidNamespacePath);
      check(
          libc()
              .syscall(
                  Syscalls.SYS_fsconfig, fs, LinuxConstants.FSCONFIG_CMD_CREATE, null, null, 0),
          "fsconfig",
          () -> "FSCONFIG_CMD_CREATE");
      long attributes =
          LinuxConstants.MOUNT_ATTR_NOSUID
              | LinuxConstants.MOUNT_ATTR_NODEV
              | LinuxConstants.MOUNT_ATTR_NOEXEC;
      return (int)
          check(
              libc().syscall(Syscalls.SYS_fsmount, fs, LinuxConstants.FSMOUNT_CLOEXEC, attributes),
              "fsmount",
              () -> "proc");
    } finally {
      close(fs);
    }
  }

  /**
   * A detached copy of the mount tree at {@code path} (open_tree(2) with {@code OPEN_TREE_CLONE}
   * and {@code AT_RECURSIVE}): Docker's {@code rbind}.
   */
  public static int openTreeCloneRecursive(String path) {
    return openTree(path, LinuxConstants.OPEN_TREE_CLONE | LinuxConstants.AT_RECURSIVE);
  }

  /** open_tree(2) with OPEN_TREE_CLONE: a detached bind mount of {@code path}, as an fd. */
  public static int openTreeClone(String path) {
    return openTree(path, LinuxConstants.OPEN_TREE_CLONE);
  }

  private static int openTree(String path, long flags) {
    return (int)
        check(
            libc()
                .syscall(
                    Syscalls.SYS_open_tree,
                    LinuxConstants.AT_FDCWD,
                    path,
                    flags | LinuxConstants.O_CLOEXEC),
            "open_tree",
            () -> path);
  }

  /** move_mount(2) of a detached mount fd onto {@code target} in the caller's mount namespace. */
  public static void moveMount(int mountFd, String target) {
    check(
        libc()
            .syscall(
                Syscalls.SYS_move_mount,
                mountFd,
                "",
                LinuxConstants.AT_FDCWD,
                target,
                LinuxConstants.MOVE_MOUNT_F_EMPTY_PATH),
        "move_mount",
        () -> "fd=" + mountFd + " -> " + target);
  }

  /** posix_spawn(3) of an absolute path; returns the child's pid. */
  static int posixSpawn(
      SpawnFileActions actions,
      SpawnAttributes attributes,
      String path,
      String[] argv,
      String[] envp) {
    int[] pid = new int[1];
    checkReturned(
        libc().posix_spawn(pid, path, actions.pointer(), attributes.pointer(), argv, envp),
        "posix_spawn",
        () -> "path=" + path);
    return pid[0];
  }
}
