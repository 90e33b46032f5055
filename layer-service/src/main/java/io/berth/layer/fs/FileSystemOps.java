package io.berth.layer.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jnr.ffi.LibraryLoader;

/**
 * File system calls that Java NIO cannot make (device nodes, extended attributes, numeric owners
 * and times of symbolic links, mounts), plus {@code lstat} and {@code chmod} through NIO.
 *
 * <p>No method follows a symbolic link. libc is loaded on first use; every failure becomes a {@link
 * PosixException} that names the call and path.
 */
public final class FileSystemOps {

  /** {@code AT_FDCWD} from {@code <fcntl.h>}: resolve relative paths against the working dir. */
  private static final int AT_FDCWD = -100;

  /** {@code AT_SYMLINK_NOFOLLOW} from {@code <fcntl.h>}. */
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;

  /** {@code ENODATA}: the extended attribute does not exist, see {@code getxattr(2)}. */
  private static final int ENODATA = 61;

  /** {@code ERANGE}: the buffer was too small (the value grew between two calls). */
  private static final int ERANGE = 34;

  private static final String LSTAT_ATTRIBUTES =
      "unix:mode,uid,gid,ino,dev,rdev,nlink,size,lastAccessTime,lastModifiedTime";

  private FileSystemOps() {}

  /** Loads libc the first time a native call is made (the holder-class idiom). */
  private static final class Native {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);

    private Native() {}
  }

  private static LibC libc() {
    return Native.LIBC;
  }

  /** The one place where a failed call's {@code errno} becomes an exception. */
  private static PosixException failure(String call, Object path) {
    int errno = Native.RUNTIME.getLastError();
    return new PosixException(call, String.valueOf(path), errno, libc().strerror(errno));
  }

  private static void check(int rc, String call, Object path) throws PosixException {
    if (rc != 0) {
      throw failure(call, path);
    }
  }

  /**
   * Creates a device node or FIFO, see {@code mknod(2)}.
   *
   * @param path the node to create; must not exist
   * @param mode file type ({@link FileStat#S_IFCHR}, {@link FileStat#S_IFBLK} or {@link
   *     FileStat#S_IFIFO}) or-ed with permission bits (the process umask applies)
   * @param major major device number (0 for a FIFO)
   * @param minor minor device number (0 for a FIFO)
   * @throws PosixException if the call fails
   */
  public static void mknod(Path path, int mode, int major, int minor) throws PosixException {
    check(libc().mknod(path.toString(), mode, DeviceNumbers.makedev(major, minor)), "mknod", path);
  }

  /**
   * Sets an extended attribute of a file or of a symbolic link itself, see {@code setxattr(2)}.
   *
   * @param path the file
   * @param name attribute name with its namespace, e.g. {@code security.capability}
   * @param value raw value
   * @throws PosixException if the call fails
   */
  public static void lsetxattr(Path path, String name, byte[] value) throws PosixException {
    check(libc().lsetxattr(path.toString(), name, value, value.length, 0), "lsetxattr", path);
  }

  /**
   * Reads an extended attribute of a file or of a symbolic link itself, see {@code getxattr(2)}.
   *
   * @param path the file
   * @param name attribute name with its namespace
   * @return the raw value, or empty if the file has no such attribute
   * @throws PosixException if the call fails for another reason
   */
  public static Optional<byte[]> lgetxattr(Path path, String name) throws PosixException {
    String p = path.toString();
    while (true) {
      long size = libc().lgetxattr(p, name, null, 0);
      if (size < 0) {
        if (Native.RUNTIME.getLastError() == ENODATA) {
          return Optional.empty();
        }
        throw failure("lgetxattr", path);
      }
      byte[] value = new byte[(int) size];
      long read = libc().lgetxattr(p, name, value, value.length);
      if (read >= 0) {
        return Optional.of(read == size ? value : java.util.Arrays.copyOf(value, (int) read));
      }
      int errno = Native.RUNTIME.getLastError();
      if (errno == ENODATA) {
        return Optional.empty();
      }
      if (errno != ERANGE) {
        throw failure("lgetxattr", path);
      }
    }
  }

  /**
   * Lists the extended attribute names of a file or of a symbolic link itself, see {@code
   * listxattr(2)}. Only names this process may read are listed (e.g. {@code trusted.*} needs {@code
   * CAP_SYS_ADMIN}).
   *
   * @param path the file
   * @return the names, in the order the file system gives them
   * @throws PosixException if the call fails
   */
  public static List<String> llistxattr(Path path) throws PosixException {
    String p = path.toString();
    while (true) {
      long size = libc().llistxattr(p, null, 0);
      if (size < 0) {
        throw failure("llistxattr", path);
      }
      if (size == 0) {
        return List.of();
      }
      byte[] list = new byte[(int) size];
      long read = libc().llistxattr(p, list, list.length);
      if (read >= 0) {
        return splitNames(list, (int) read);
      }
      if (Native.RUNTIME.getLastError() != ERANGE) {
        throw failure("llistxattr", path);
      }
    }
  }

  private static List<String> splitNames(byte[] list, int length) {
    List<String> names = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (list[i] == 0) {
        if (i > start) {
          names.add(new String(list, start, i - start, StandardCharsets.UTF_8));
        }
        start = i + 1;
      }
    }
    return names;
  }

  /**
   * Sets the numeric owner and group of a file or of a symbolic link itself, see {@code lchown(2)};
   * no user name is looked up. Note that this clears setuid and setgid bits, so set the mode
   * afterwards.
   *
   * @param path the file
   * @param uid numeric owner
   * @param gid numeric group
   * @throws PosixException if the call fails
   */
  public static void lchown(Path path, int uid, int gid) throws PosixException {
    check(libc().lchown(path.toString(), uid, gid), "lchown", path);
  }

  /**
   * Sets access and modification times of a file or of a symbolic link itself, with nanosecond
   * precision: {@code utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW)}.
   *
   * @param path the file
   * @param atime new access time
   * @param mtime new modification time
   * @throws PosixException if the call fails
   */
  public static void utimensat(Path path, FileTime atime, FileTime mtime) throws PosixException {
    Instant a = atime.toInstant();
    Instant m = mtime.toInstant();
    long[] times = {a.getEpochSecond(), a.getNano(), m.getEpochSecond(), m.getNano()};
    check(
        libc().utimensat(AT_FDCWD, path.toString(), times, AT_SYMLINK_NOFOLLOW), "utimensat", path);
  }

  /**
   * Sets the process file mode creation mask, see {@code umask(2)}.
   *
   * @param mask the new mask
   * @return the previous mask
   */
  public static int umask(int mask) {
    return libc().umask(mask);
  }

  /**
   * Mounts a file system, see {@code mount(2)}.
   *
   * @param source the source (a device, or a name for virtual file systems such as overlay)
   * @param target the mount point
   * @param fstype the file system type, e.g. {@code overlay}
   * @param flags {@code MS_*} flags
   * @param data file system specific options, may be null
   * @throws PosixException if the call fails
   */
  public static void mount(String source, Path target, String fstype, long flags, String data)
      throws PosixException {
    check(libc().mount(source, target.toString(), fstype, flags, data), "mount", target);
  }

  /**
   * Unmounts a file system, see {@code umount2(2)}.
   *
   * @param target the mount point
   * @param flags {@code MNT_*} flags, e.g. 2 for {@code MNT_DETACH}
   * @throws PosixException if the call fails
   */
  public static void umount2(Path target, int flags) throws PosixException {
    check(libc().umount2(target.toString(), flags), "umount2", target);
  }

  /**
   * Reads the status of a file without following a symbolic link, as {@code lstat(2)}.
   *
   * @param path the file
   * @return its status
   * @throws IOException if the file cannot be read (e.g. {@link java.nio.file.NoSuchFileException})
   */
  public static FileStat lstat(Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, LSTAT_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    return new FileStat(
        (Integer) a.get("mode"),
        (Integer) a.get("uid"),
        (Integer) a.get("gid"),
        (Long) a.get("ino"),
        (Long) a.get("dev"),
        (Long) a.get("rdev"),
        (Integer) a.get("nlink"),
        (Long) a.get("size"),
        (FileTime) a.get("lastAccessTime"),
        (FileTime) a.get("lastModifiedTime"));
  }

  /**
   * Sets all mode bits of a file including setuid, setgid and sticky, as {@code chmod(2)} (which
   * follows symbolic links; Linux has no mode on a link itself).
   *
   * @param path the file, not a symbolic link
   * @param mode permission bits ({@code 07777})
   * @throws IOException if the call fails
   */
  public static void chmod(Path path, int mode) throws IOException {
    Files.setAttribute(path, "unix:mode", mode & 07777);
  }
}
