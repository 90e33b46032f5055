package io.berth.container.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Encoding;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Variadic;

/**
 * The one JNR-FFI binding to the C library that the Linux runtime needs, every function named and
 * typed as in C.
 *
 * <p>Return codes and {@code errno} are raw here; callers use {@link Linux}, which turns them into
 * {@link LinuxException}. The binding assumes an LP64 ABI (x86_64, aarch64): C {@code long}, {@code
 * unsigned long} and {@code size_t} are Java {@code long}; {@code pid_t} is {@code int}. Functions
 * without a glibc wrapper go through {@link #syscall(long, long)} with numbers from {@link
 * Syscalls}.
 */
@Encoding("UTF-8")
public interface LibC {

  // Namespaces: https://man7.org/linux/man-pages/man2/unshare.2.html, setns.2.html

  int unshare(int flags);

  int setns(int fd, int nstype);

  int sethostname(String name, long len);

  // Mounts and the root: mount(2), umount2(2), chdir(2), chroot(2)

  int mount(String source, String target, String filesystemtype, long mountflags, String data);

  int umount2(String target, int flags);

  int chdir(String path);

  int fchdir(int fd);

  int chroot(String path);

  // Files: open(2), close(2)

  @Variadic(fixedCount = 2)
  int open(String pathname, int flags, int mode);

  int close(int fd);

  // fcntl(2), with an int argument
  @Variadic(fixedCount = 2)
  int fcntl(int fd, int cmd, int arg);

  // Processes: getpid(2), gettid(2), kill(2), waitpid(2), waitid(2), prctl(2), capget(2)

  int getpid();

  int gettid();

  int kill(int pid, int sig);

  int waitpid(int pid, @Out int[] wstatus, int options);

  int waitid(int idtype, int id, Pointer infop, int options);

  @Variadic(fixedCount = 1)
  int prctl(int option, long arg2, long arg3, long arg4, long arg5);

  int capget(Pointer hdrp, Pointer datap);

  int capset(Pointer hdrp, Pointer datap);

  // syscall(2) for calls without a wrapper: pivot_root, pidfd_open, pidfd_send_signal, pidfd_getfd

  @Variadic(fixedCount = 1)
  long syscall(long number, long arg1, long arg2);

  @Variadic(fixedCount = 1)
  long syscall(long number, long arg1, long arg2, long arg3, long arg4);

  @Variadic(fixedCount = 1)
  long syscall(long number, String arg1, String arg2);

  String strerror(int errnum);

  // Spawning: https://man7.org/linux/man-pages/man3/posix_spawn.3.html (errors are returned)

  int posix_spawnp(
      @Out int[] pid,
      String file,
      Pointer fileActions,
      Pointer attrp,
      CharSequence[] argv,
      CharSequence[] envp);

  int posix_spawn_file_actions_init(Pointer fileActions);

  int posix_spawn_file_actions_destroy(Pointer fileActions);

  int posix_spawn_file_actions_addopen(
      Pointer fileActions, int fildes, String path, int oflag, int mode);

  int posix_spawn_file_actions_adddup2(Pointer fileActions, int fildes, int newfildes);

  int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

  int posix_spawnattr_init(Pointer attr);

  int posix_spawnattr_destroy(Pointer attr);

  int posix_spawnattr_setflags(Pointer attr, short flags);

  int posix_spawnattr_setsigmask(Pointer attr, Pointer sigmask);

  int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigdefault);

  int sigemptyset(Pointer set);

  int sigfillset(Pointer set);

  // The container runtime: pipes, device nodes, FIFOs, credentials, terminals, reads and writes

  int pipe2(@Out int[] fds, int flags);

  int poll(Pointer fds, long nfds, int timeout);

  int mknod(String path, int mode, long dev);

  int mkfifo(String path, int mode);

  int chown(String path, int owner, int group);

  int chmod(String path, int mode);

  int unlink(String path);

  long read(int fd, @Out byte[] buf, long count);

  long write(int fd, @In byte[] buf, long count);

  int ioctl(int fd, long request, Pointer arg);

  // Extended attributes: https://man7.org/linux/man-pages/man2/getxattr.2.html

  long lgetxattr(String path, String name, @Out byte[] value, long size);

  int posix_spawn(
      @Out int[] pid,
      String path,
      Pointer fileActions,
      Pointer attrp,
      CharSequence[] argv,
      CharSequence[] envp);

  int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

  @Variadic(fixedCount = 1)
  long syscall(long number, long arg1, long arg2, long arg3);

  @Variadic(fixedCount = 1)
  long syscall(long number, long arg1, Pointer arg2);

  @Variadic(fixedCount = 1)
  long syscall(long number, String arg1, long arg2);

  @Variadic(fixedCount = 1)
  long syscall(long number, long arg1, String arg2, long arg3);

  @Variadic(fixedCount = 1)
  long syscall(long number, long arg1, long arg2, String arg3, String arg4, long arg5);

  @Variadic(fixedCount = 1)
  long syscall(long number, long arg1, String arg2, long arg3, String arg4, long arg5);
}
