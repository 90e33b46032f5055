package io.berth.container.files;

/**
 * Go's {@code os.FileMode} bits, the {@code mode} Docker puts in {@code
 * X-Docker-Container-Path-Stat}: the permission bits, and the file type and special bits at the top
 * of the 32-bit word (<a href="https://pkg.go.dev/io/fs#FileMode">io/fs.FileMode</a>).
 */
final class GoFileMode {

  static final long MODE_DIR = 1L << 31;
  static final long MODE_SYMLINK = 1L << 27;
  static final long MODE_DEVICE = 1L << 26;
  static final long MODE_NAMED_PIPE = 1L << 25;
  static final long MODE_SOCKET = 1L << 24;
  static final long MODE_SETUID = 1L << 23;
  static final long MODE_SETGID = 1L << 22;
  static final long MODE_CHAR_DEVICE = 1L << 21;
  static final long MODE_STICKY = 1L << 20;

  // st_mode, stat(2)
  static final int S_IFMT = 0170000;
  static final int S_IFSOCK = 0140000;
  static final int S_IFLNK = 0120000;
  static final int S_IFREG = 0100000;
  static final int S_IFBLK = 0060000;
  static final int S_IFDIR = 0040000;
  static final int S_IFCHR = 0020000;
  static final int S_IFIFO = 0010000;

  private GoFileMode() {}

  /** Converts a {@code stat(2)} {@code st_mode} as Go's {@code fillFileStatFromSys} does. */
  static long fromUnix(int stMode) {
    long mode = stMode & 0777;
    switch (stMode & S_IFMT) {
      case S_IFBLK -> mode |= MODE_DEVICE;
      case S_IFCHR -> mode |= MODE_DEVICE | MODE_CHAR_DEVICE;
      case S_IFDIR -> mode |= MODE_DIR;
      case S_IFIFO -> mode |= MODE_NAMED_PIPE;
      case S_IFLNK -> mode |= MODE_SYMLINK;
      case S_IFSOCK -> mode |= MODE_SOCKET;
      default -> {} // a regular file has no type bit
    }
    if ((stMode & 04000) != 0) {
      mode |= MODE_SETUID;
    }
    if ((stMode & 02000) != 0) {
      mode |= MODE_SETGID;
    }
    if ((stMode & 01000) != 0) {
      mode |= MODE_STICKY;
    }
    return mode;
  }
}
