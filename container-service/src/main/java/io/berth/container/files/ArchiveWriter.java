package io.berth.container.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a file or a directory tree as a tar stream, the body of {@code GET
 * /containers/{id}/archive}: entries in lexical order as Go's {@code filepath.Walk}, modes, owners
 * and mtimes kept, links stored and never followed, PAX headers for long names and big numbers.
 * Sockets are left out, as Go's {@code archive/tar} cannot store them.
 */
final class ArchiveWriter {

  private final TarArchiveOutputStream tar;

  ArchiveWriter(OutputStream out) {
    tar = new TarArchiveOutputStream(out, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  /**
   * Writes {@code source} under {@code name}, recursively if it is a directory, then the end of the
   * archive; the underlying stream is flushed, not closed.
   */
  void write(Path source, String name) throws IOException {
    add(source, name);
    tar.finish();
    tar.flush();
  }

  private void add(Path source, String name) throws IOException {
    HostFile file = HostFile.lstat(source).orElse(null);
    if (file == null || file.type() == GoFileMode.S_IFSOCK) {
      return; // vanished while walking, or a socket
    }
    TarArchiveEntry entry = entry(source, name, file);
    tar.putArchiveEntry(entry);
    if (file.isRegular()) {
      copy(source, entry.getSize());
    }
    tar.closeArchiveEntry();
    if (file.isDirectory()) {
      for (Path child : children(source)) {
        add(child, name + "/" + child.getFileName());
      }
    }
  }

  private static TarArchiveEntry entry(Path source, String name, HostFile file) throws IOException {
    TarArchiveEntry entry;
    switch (file.type()) {
      case GoFileMode.S_IFDIR -> entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
      case GoFileMode.S_IFLNK -> {
        entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(Files.readSymbolicLink(source).toString());
      }
      case GoFileMode.S_IFCHR, GoFileMode.S_IFBLK -> {
        byte type = file.type() == GoFileMode.S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK;
        entry = new TarArchiveEntry(name, type);
        entry.setDevMajor((int) file.devMajor());
        entry.setDevMinor((int) file.devMinor());
      }
      case GoFileMode.S_IFIFO -> entry = new TarArchiveEntry(name, TarConstants.LF_FIFO);
      default -> {
        entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        entry.setSize(file.size());
      }
    }
    // Go's tar.FileInfoHeader stores the permission and special bits only, not the file type.
    entry.setMode(file.mode() & 07777);
    entry.setUserId(Integer.toUnsignedLong(file.uid()));
    entry.setGroupId(Integer.toUnsignedLong(file.gid()));
    entry.setUserName("");
    entry.setGroupName("");
    // Whole seconds, as moby's FileInfoHeader truncates them: no PAX header just for a fraction.
    entry.setLastModifiedTime(
        FileTime.from(file.mtime().toInstant().getEpochSecond(), TimeUnit.SECONDS));
    return entry;
  }

  /** Copies exactly {@code size} bytes, padding with zeros if the file shrank while read. */
  private void copy(Path source, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long remaining = size;
    try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
      while (remaining > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (read < 0) {
          break;
        }
        tar.write(buffer, 0, read);
        remaining -= read;
      }
    }
    java.util.Arrays.fill(buffer, (byte) 0);
    while (remaining > 0) {
      int chunk = (int) Math.min(buffer.length, remaining);
      tar.write(buffer, 0, chunk);
      remaining -= chunk;
    }
  }

  private static List<Path> children(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
  }
}
