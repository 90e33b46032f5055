package io.berth.container.linux;

/**
 * The kernel and glibc constants the runtime passes to {@link Linux}, named as in C; values are
 * those of x86_64 and aarch64, which agree for every constant here.
 */
public final class LinuxConstants {

  // clone(2) / unshare(2) / setns(2) namespace flags
  public static final int CLONE_FS = 0x00000200;
  public static final int CLONE_NEWNS = 0x00020000;
  public static final int CLONE_NEWCGROUP = 0x02000000;
  public static final int CLONE_NEWUTS = 0x04000000;
  public static final int CLONE_NEWIPC = 0x08000000;
  public static final int CLONE_NEWUSER = 0x10000000;
  public static final int CLONE_NEWPID = 0x20000000;
  public static final int CLONE_NEWNET = 0x40000000;

  // mount(2) flags
  public static final long MS_RDONLY = 1;
  public static final long MS_NOSUID = 2;
  public static final long MS_NODEV = 4;
  public static final long MS_NOEXEC = 8;
  public static final long MS_REMOUNT = 32;
  public static final long MS_BIND = 4096;
  public static final long MS_MOVE = 8192;
  public static final long MS_REC = 16384;
  public static final long MS_PRIVATE = 1 << 18;
  public static final long MS_SLAVE = 1 << 19;
  public static final long MS_SHARED = 1 << 20;

  // umount2(2) flags
  public static final int MNT_FORCE = 1;
  public static final int MNT_DETACH = 2;

  // open(2) flags (O_DIRECTORY and O_NOFOLLOW differ between the two, so they are not here)
  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 1;
  public static final int O_RDWR = 2;
  public static final int O_CREAT = 0100;
  public static final int O_TRUNC = 01000;
  public static final int O_APPEND = 02000;
  public static final int O_CLOEXEC = 02000000;
  public static final int O_PATH = 010000000;

  // fcntl(2)
  public static final int F_GETFD = 1;
  public static final int F_SETFD = 2;
  public static final int FD_CLOEXEC = 1;
  public static final int F_SETPIPE_SZ = 1031;
  public static final int F_GETPIPE_SZ = 1032;

  // signal(7)
  public static final int SIGHUP = 1;
  public static final int SIGINT = 2;
  public static final int SIGKILL = 9;
  public static final int SIGTERM = 15;
  public static final int SIGCHLD = 17;
  public static final int SIGSTOP = 19;

  // waitpid(2) / waitid(2)
  public static final int WNOHANG = 1;
  public static final int WEXITED = 4;
  public static final int P_PID = 1;
  public static final int P_PIDFD = 3;
  public static final int CLD_EXITED = 1;
  public static final int CLD_KILLED = 2;
  public static final int CLD_DUMPED = 3;

  // prctl(2)
  public static final int PR_SET_PDEATHSIG = 1;
  public static final int PR_CAPBSET_READ = 23;
  public static final int PR_CAPBSET_DROP = 24;
  public static final int PR_SET_CHILD_SUBREAPER = 36;
  public static final int PR_SET_NO_NEW_PRIVS = 38;
  public static final int PR_GET_NO_NEW_PRIVS = 39;

  // capabilities(7)
  public static final int _LINUX_CAPABILITY_VERSION_3 = 0x20080522;
  public static final int CAP_SYS_CHROOT = 18;
  public static final int CAP_SYS_ADMIN = 21;

  // posix_spawnattr_setflags(3), glibc's values
  public static final short POSIX_SPAWN_SETPGROUP = 0x02;
  public static final short POSIX_SPAWN_SETSIGDEF = 0x04;
  public static final short POSIX_SPAWN_SETSIGMASK = 0x08;
  public static final short POSIX_SPAWN_SETSID = 0x80;

  // errno(3), asm-generic values
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int EINTR = 4;
  public static final int EBADF = 9;
  public static final int ECHILD = 10;
  public static final int EAGAIN = 11;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int EINVAL = 22;
  public static final int ENODATA = 61;
  public static final int EOPNOTSUPP = 95;
  public static final int ENOSYS = 38;

  /** The longest hostname sethostname(2) accepts, in bytes. */
  public static final int HOST_NAME_MAX = 64;

  // The container runtime: file types, the mount API, terminals, file descriptors
  public static final int S_IFCHR = 0020000;
  public static final int O_NOCTTY = 0400;
  public static final int O_NONBLOCK = 04000;
  public static final int AT_FDCWD = -100;
  public static final int FSOPEN_CLOEXEC = 1;
  public static final int FSCONFIG_SET_STRING = 1;
  public static final int FSCONFIG_CMD_CREATE = 6;
  public static final int FSMOUNT_CLOEXEC = 1;
  public static final int MOUNT_ATTR_NOSUID = 0x2;
  public static final int MOUNT_ATTR_NODEV = 0x4;
  public static final int MOUNT_ATTR_NOEXEC = 0x8;
  public static final int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
  public static final int OPEN_TREE_CLONE = 1;
  public static final int AT_RECURSIVE = 0x8000;
  public static final long MS_SYNCHRONOUS = 16;
  public static final long MS_NOATIME = 1024;
  public static final long TIOCSPTLCK = 0x40045431L;
  public static final long TIOCGPTN = 0x80045430L;
  public static final long TIOCSWINSZ = 0x5414L;
  public static final int EPIPE = 32;

  private LinuxConstants() {}
}
