package io.berth.layer.tar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds test tars with commons-compress, an independent writer, keeping names as given. */
final class TarBuilder {

  static final long MTIME = 1_600_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  TarBuilder() {
    tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  /** An entry whose name is kept exactly, absolute paths and {@code ..} included. */
  static TarArchiveEntry entry(String name, byte type) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setModTime(MTIME * 1000);
    e.setIds(0, 0);
    return e;
  }

  TarBuilder file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  TarBuilder file(String name, byte[] content, int mode) {
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
    e.setMode(mode);
    e.setSize(content.length);
    return add(e, content);
  }

  TarBuilder directory(String name, int mode) {
    TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
    e.setMode(mode);
    return add(e, null);
  }

  TarBuilder symlink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK);
    e.setLinkName(target);
    e.setMode(0777);
    return add(e, null);
  }

  TarBuilder hardLink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_LINK);
    e.setLinkName(target);
    e.setMode(0644);
    return add(e, null);
  }

  TarBuilder device(String name, byte type, int major, int minor) {
    TarArchiveEntry e = entry(name, type);
    e.setDevMajor(major);
    e.setDevMinor(minor);
    e.setMode(0600);
    return add(e, null);
  }

  TarBuilder add(TarArchiveEntry e, byte[] content) {
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

  TarBuilder withPax(String name, Map<String, String> pax, String content) {
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
    e.setMode(0644);
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    e.setSize(data.length);
    pax.forEach(e::addPaxHeader);
    return add(e, data);
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
}
