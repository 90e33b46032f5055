package io.berth.layer.tar;

import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;

/**
 * One tar header after PAX and GNU long-name records have been folded into it.
 *
 * @param name path inside the archive, as written (not yet cleaned)
 * @param type the typeflag, one of the {@code TYPE_*} constants
 * @param mode permission bits including setuid, setgid and sticky
 * @param uid numeric owner
 * @param gid numeric group
 * @param size content bytes that follow the header (0 except for regular files)
 * @param mtime modification time (PAX keeps sub-second precision)
 * @param atime access time from a PAX record, or null
 * @param linkName target of a symbolic or hard link, else empty
 * @param devMajor major device number of a device node
 * @param devMinor minor device number of a device node
 * @param xattrs extended attributes from {@code SCHILY.xattr.*} records, raw bytes
 */
record TarEntry(
    String name,
    char type,
    int mode,
    int uid,
    int gid,
    long size,
    FileTime mtime,
    FileTime atime,
    String linkName,
    int devMajor,
    int devMinor,
    Map<String, byte[]> xattrs) {

  static final char TYPE_REGULAR = '0';
  static final char TYPE_REGULAR_OLD = '\0';
  static final char TYPE_CONTIGUOUS = '7';
  static final char TYPE_HARD_LINK = '1';
  static final char TYPE_SYMLINK = '2';
  static final char TYPE_CHAR_DEVICE = '3';
  static final char TYPE_BLOCK_DEVICE = '4';
  static final char TYPE_DIRECTORY = '5';
  static final char TYPE_FIFO = '6';
  static final char TYPE_PAX = 'x';
  static final char TYPE_PAX_GLOBAL = 'g';
  static final char TYPE_GNU_LONG_NAME = 'L';
  static final char TYPE_GNU_LONG_LINK = 'K';

  TarEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mtime, "mtime");
    Objects.requireNonNull(linkName, "linkName");
    xattrs = Map.copyOf(xattrs);
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " of tar entry " + name);
    }
  }

  boolean isRegularFile() {
    return type == TYPE_REGULAR || type == TYPE_REGULAR_OLD || type == TYPE_CONTIGUOUS;
  }

  boolean isDirectory() {
    return type == TYPE_DIRECTORY;
  }

  boolean isDevice() {
    return type == TYPE_CHAR_DEVICE || type == TYPE_BLOCK_DEVICE;
  }
}
