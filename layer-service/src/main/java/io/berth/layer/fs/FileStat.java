package io.berth.layer.fs;

import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What {@code lstat(2)} tells about one file, without following a symbolic link.
 *
 * @param mode file type and permission bits ({@code st_mode})
 * @param uid numeric owner
 * @param gid numeric group
 * @param ino inode number
 * @param dev device of the file system holding the file
 * @param rdev device number of a character or block device, else 0
 * @param nlink number of hard links
 * @param size size in bytes
 * @param lastAccessTime {@code st_atim}
 * @param lastModifiedTime {@code st_mtim}
 */
public record FileStat(
    int mode,
    int uid,
    int gid,
    long ino,
    long dev,
    long rdev,
    int nlink,
    long size,
    FileTime lastAccessTime,
    FileTime lastModifiedTime) {

  /** File type mask of {@code st_mode}, see {@code inode(7)}. */
  public static final int S_IFMT = 0170000;

  /** Socket. */
  public static final int S_IFSOCK = 0140000;

  /** Symbolic link. */
  public static final int S_IFLNK = 0120000;

  /** Regular file. */
  public static final int S_IFREG = 0100000;

  /** Block device. */
  public static final int S_IFBLK = 0060000;

  /** Directory. */
  public static final int S_IFDIR = 0040000;

  /** Character device. */
  public static final int S_IFCHR = 0020000;

  /** FIFO (named pipe). */
  public static final int S_IFIFO = 0010000;

  public FileStat {
    Objects.requireNonNull(lastAccessTime, "lastAccessTime");
    Objects.requireNonNull(lastModifiedTime, "lastModifiedTime");
    if (size < 0 || nlink < 0) {
      throw new IllegalArgumentException("negative size or link count");
    }
  }

  /** The file type bits alone, one of the {@code S_IF*} constants. */
  public int type() {
    return mode & S_IFMT;
  }

  /** The permission bits including setuid, setgid and sticky ({@code 07777}). */
  public int permissions() {
    return mode & 07777;
  }

  /** Whether this is a directory. */
  public boolean isDirectory() {
    return type() == S_IFDIR;
  }

  /** Whether this is a regular file. */
  public boolean isRegularFile() {
    return type() == S_IFREG;
  }

  /** Whether this is a symbolic link. */
  public boolean isSymbolicLink() {
    return type() == S_IFLNK;
  }

  /** Whether this is an overlayfs whiteout: a character device with device number 0/0. */
  public boolean isOverlayWhiteout() {
    return type() == S_IFCHR && rdev == 0;
  }

  /** Major device number of {@link #rdev()}. */
  public int rdevMajor() {
    return DeviceNumbers.major(rdev);
  }

  /** Minor device number of {@link #rdev()}. */
  public int rdevMinor() {
    return DeviceNumbers.minor(rdev);
  }
}
