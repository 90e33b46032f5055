package io.berth.layer.tar;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of a tar archive as code outside this package reads and writes it: its path already
 * cleaned (see {@link ArchiveReader}), its type one Berth keeps, its metadata whole seconds.
 *
 * @param path clean relative path, components joined by {@code /}, no leading or trailing slash;
 *     empty for the archive's root directory
 * @param type what the entry is
 * @param mode permission bits including setuid, setgid and sticky
 * @param uid numeric owner
 * @param gid numeric group
 * @param size content bytes of a regular file; 0 for every other type
 * @param mtime modification time in whole seconds since the epoch
 * @param linkName a symbolic link's text as written, or a hard link's clean target path; else empty
 * @param devMajor a device node's major number, else 0
 * @param devMinor a device node's minor number, else 0
 * @param xattrs extended attributes, raw bytes
 */
public record ArchiveEntry(
    String path,
    Type type,
    int mode,
    int uid,
    int gid,
    long size,
    long mtime,
    String linkName,
    int devMajor,
    int devMinor,
    Map<String, byte[]> xattrs) {

  /** The entry types a layer may hold. */
  public enum Type {
    /** A regular file; its content follows. */
    FILE(TarEntry.TYPE_REGULAR),
    /** A directory. */
    DIRECTORY(TarEntry.TYPE_DIRECTORY),
    /** A symbolic link; {@link #linkName()} is its text. */
    SYMLINK(TarEntry.TYPE_SYMLINK),
    /** A hard link to an earlier entry; {@link #linkName()} is its path. */
    HARD_LINK(TarEntry.TYPE_HARD_LINK),
    /** A character device node. */
    CHAR_DEVICE(TarEntry.TYPE_CHAR_DEVICE),
    /** A block device node. */
    BLOCK_DEVICE(TarEntry.TYPE_BLOCK_DEVICE),
    /** A named pipe. */
    FIFO(TarEntry.TYPE_FIFO);

    private final char flag;

    Type(char flag) {
      this.flag = flag;
    }

    char flag() {
      return flag;
    }
  }

  public ArchiveEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(linkName, "linkName");
    xattrs = Map.copyOf(xattrs);
    if (size < 0 || (size > 0 && type != Type.FILE)) {
      throw new IllegalArgumentException("size " + size + " for a " + type + " entry " + path);
    }
  }
}
