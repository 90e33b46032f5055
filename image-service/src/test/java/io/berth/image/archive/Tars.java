package io.berth.image.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds and takes apart small tars for the archive tests. */
final class Tars {

  private Tars() {}

  /** A layer tar with text files, name to content, in the order given. */
  static byte[] layer(String... namesAndContents) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < namesAndContents.length; i += 2) {
      files.put(namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return tar(files);
  }

  /** A tar of members in the order given; a value starting with "->" makes a symbolic link. */
  static byte[] tar(Map<String, byte[]> members) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> member : members.entrySet()) {
        String content = new String(member.getValue(), StandardCharsets.UTF_8);
        TarArchiveEntry entry;
        if (content.startsWith("->")) {
          entry = new TarArchiveEntry(member.getKey(), TarArchiveEntry.LF_SYMLINK);
          entry.setLinkName(content.substring(2));
          tar.putArchiveEntry(entry);
        } else {
          entry = new TarArchiveEntry(member.getKey());
          entry.setSize(member.getValue().length);
          entry.setModTime(0);
          tar.putArchiveEntry(entry);
          tar.write(member.getValue());
        }
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The members of a tar with their contents (links as "->target"), in archive order. */
  static Map<String, byte[]> members(byte[] tar) {
    Map<String, byte[]> members = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        members.put(
            entry.getName(),
            entry.isSymbolicLink()
                ? ("->" + entry.getLinkName()).getBytes(StandardCharsets.UTF_8)
                : in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return members;
  }

  /** The headers of a tar's members. */
  static List<TarArchiveEntry> entries(byte[] tar) {
    List<TarArchiveEntry> entries = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries.add(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
