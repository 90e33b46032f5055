package io.berth.layer.fs;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc functions Berth needs and Java NIO lacks, named exactly as in C.
 *
 * <p>Every call saves {@code errno}; {@link FileSystemOps} turns a failure into a {@link
 * PosixException}. See the man pages of each function: {@code mknod(2)}, {@code xattr(7)}, {@code
 * lchown(2)}, {@code utimensat(2)}, {@code umask(2)}, {@code mount(2)}, {@code umount2(2)}.
 *
 * <p>Public only because JNR generates its implementation in another class loader; callers use
 * {@link FileSystemOps}, which checks every return code.
 */
public interface LibC {

  @SaveError
  int mknod(String pathname, int mode, long dev);

  @SaveError
  int lsetxattr(String path, String name, @In byte[] value, @size_t long size, int flags);

  @SaveError
  @ssize_t
  long lgetxattr(String path, String name, @Out byte[] value, @size_t long size);

  @SaveError
  @ssize_t
  long llistxattr(String path, @Out byte[] list, @size_t long size);

  @SaveError
  int lchown(String pathname, int owner, int group);

  /** {@code times} is two {@code struct timespec} (atime, mtime) laid out as four longs. */
  @SaveError
  int utimensat(int dirfd, String pathname, @In long[] times, int flags);

  int umask(int mask);

  @SaveError
  int mount(String source, String target, String filesystemtype, long mountflags, String data);

  @SaveError
  int umount2(String target, int flags);

  String strerror(int errnum);
}
