package io.berth.layer.copy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Test tars written and read with commons-compress, an independent implementation. */
final class Tars {

  static final long MTIME = 1_600_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  Tars() {
    tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  Tars file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0644, 501, 20);
  }

  Tars file(String name, byte[] content, int mode, int uid, int gid) {
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode, uid, gid);
    e.setSize(content.length);
    return add(e, content);
  }

  Tars dir(String name, int mode) {
    return add(
        entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, mode, 501, 20), null);
  }

  Tars symlink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777, 501, 20);
    e.setLinkName(target);
    return add(e, null);
  }

  Tars hardLink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644, 501, 20);
    e.setLinkName(target);
    return add(e, null);
  }

  byte[] build() {
    try {
      tar.finish();
      tar.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static TarArchiveEntry entry(String name, byte type, int mode, int uid, int gid) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setModTime(MTIME * 1000);
    e.setMode(mode);
    e.setIds(uid, gid);
    return e;
  }

  private Tars add(TarArchiveEntry e, byte[] content) {
    try {
      tar.putArchiveEntry(e);
      if (content != null) {
        tar.write(content);
      }
      tar.closeArchiveEntry();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return this;
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** One entry of a tar as read back. */
  record Read(TarArchiveEntry header, String content) {}

  /** The entries of a tar by name, in their order. */
  static Map<String, Read> read(byte[] tar) throws IOException {
    Map<String, Read> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(
            e.getName(), new Read(e, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    return entries;
  }
}
