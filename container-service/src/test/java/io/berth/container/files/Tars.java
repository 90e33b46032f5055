package io.berth.container.files;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Crafted tar archives for the tests, and a reader that lists one back. */
final class Tars {

  static final Instant MTIME = Instant.parse("2021-03-04T05:06:07Z");

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8");

  private Tars() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  static Tars builder() {
    return new Tars();
  }

  Tars dir(String name) throws IOException {
    return put(entry(name, TarConstants.LF_DIR, 0755), null);
  }

  Tars file(String name, String content) throws IOException {
    return file(name, content, 0644, 0, 0);
  }

  Tars file(String name, String content, int mode, int uid, int gid) throws IOException {
    TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, mode);
    entry.setUserId(uid);
    entry.setGroupId(gid);
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    entry.setSize(data.length);
    return put(entry, data);
  }

  Tars symlink(String name, String target) throws IOException {
    TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, 0777);
    entry.setLinkName(target);
    return put(entry, null);
  }

  Tars hardlink(String name, String target) throws IOException {
    TarArchiveEntry entry = entry(name, TarConstants.LF_LINK, 0644);
    entry.setLinkName(target);
    return put(entry, null);
  }

  Tars charDevice(String name) throws IOException {
    TarArchiveEntry entry = entry(name, TarConstants.LF_CHR, 0666);
    entry.setDevMajor(1);
    entry.setDevMinor(3);
    return put(entry, null);
  }

  InputStream stream() throws IOException {
    tar.close();
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  private static TarArchiveEntry entry(String name, byte type, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name, type, true); // names kept as they are
    entry.setMode(mode);
    entry.setModTime(FileTime.from(MTIME));
    return entry;
  }

  private Tars put(TarArchiveEntry entry, byte[] data) throws IOException {
    tar.putArchiveEntry(entry);
    if (data != null) {
      tar.write(data);
    }
    tar.closeArchiveEntry();
    return this;
  }

  /** One entry as read back. */
  record Entry(TarArchiveEntry header, String content) {}

  /** Reads every entry of an archive, in order, keyed by name. */
  static Map<String, Entry> read(byte[] archive) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries.put(
            entry.getName(),
            new Entry(entry, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    return entries;
  }

  static List<String> names(byte[] archive) throws IOException {
    return new ArrayList<>(read(archive).keySet());
  }
}
