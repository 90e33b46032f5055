package io.berth.container.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lstat(2)} of a host file, through the JDK's {@code unix:} attribute view.
 *
 * @param mode {@code st_mode}: type and permission bits
 * @param uid the owner
 * @param gid the group
 * @param size the size in bytes
 * @param mtime the modification time
 * @param rdev the device number of a device file
 */
record HostFile(int mode, int uid, int gid, long size, FileTime mtime, long rdev) {

  /** Reads a file's attributes without following a final link; empty if nothing is there. */
  static Optional<HostFile> lstat(Path path) throws IOException {
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException | NotDirectoryException e) {
      return Optional.empty();
    } catch (java.nio.file.FileSystemException e) {
      if (e.getReason() != null && e.getReason().contains("Not a directory")) {
        return Optional.empty(); // a file where a directory was expected: ENOTDIR
      }
      throw e;
    }
    return Optional.of(
        new HostFile(
            (Integer) attributes.get("mode"),
            (Integer) attributes.get("uid"),
            (Integer) attributes.get("gid"),
            (Long) attributes.get("size"),
            (FileTime) attributes.get("lastModifiedTime"),
            (Long) attributes.get("rdev")));
  }

  int type() {
    return mode & GoFileMode.S_IFMT;
  }

  boolean isDirectory() {
    return type() == GoFileMode.S_IFDIR;
  }

  boolean isSymlink() {
    return type() == GoFileMode.S_IFLNK;
  }

  boolean isRegular() {
    return type() == GoFileMode.S_IFREG;
  }

  /** The major number of {@link #rdev}, as glibc's {@code gnu_dev_major}. */
  long devMajor() {
    return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
  }

  /** The minor number of {@link #rdev}, as glibc's {@code gnu_dev_minor}. */
  long devMinor() {
    return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
  }
}
