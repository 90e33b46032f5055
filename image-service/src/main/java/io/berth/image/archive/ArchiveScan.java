package io.berth.image.archive;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an archive's tar stream once. Members come in any order (Docker 20.10 writes {@code
 * manifest.json} last), so metadata is kept in memory and everything that may be a layer goes to
 * the sink as it passes; which member is which is decided after the pass.
 */
final class ArchiveScan {

  /** Members up to this size that look like JSON are kept in memory. */
  static final int MAX_IN_MEMORY = 4 * 1024 * 1024;

  /** All members kept in memory together may not pass this size. */
  static final long MAX_TOTAL_IN_MEMORY = 64L * 1024 * 1024;

  private static final Set<String> TOP_LEVEL_METADATA =
      Set.of("manifest.json", "index.json", "oci-layout", "repositories");
  // Docker before 25 writes <v1 id>/json and <v1 id>/VERSION beside each layer.tar.
  private static final Pattern LEGACY_METADATA = Pattern.compile("[0-9a-f]{64}/(json|VERSION)");
  private static final int TAR_BLOCK = 512;

  private ArchiveScan() {}

  static ArchiveMembers scan(InputStream archive, BlobSink sink) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(archive, 64 * 1024);
    InputStream tar = Compression.detect(buffered).decompress(buffered);
    BufferedInputStream checked = new BufferedInputStream(tar, 64 * 1024);
    requireTar(checked);
    ArchiveMembers members = new ArchiveMembers(sink);
    TarArchiveInputStream entries = new TarArchiveInputStream(checked);
    TarArchiveEntry entry;
    String previous = "the start";
    while ((entry = nextEntry(entries, previous)) != null) {
      String path = MemberPaths.normalise(entry.getName());
      if (entry.isSymbolicLink()) {
        members.link(path, MemberPaths.symlinkTarget(path, entry.getLinkName()));
      } else if (entry.isLink()) {
        members.link(path, MemberPaths.normalise(entry.getLinkName()));
      } else if (entry.isFile()) {
        read(members, sink, path, entries, entry.getSize());
        if (members.bytesInMemory() > MAX_TOTAL_IN_MEMORY) {
          throw new ArchiveException(
              "archive holds more than " + MAX_TOTAL_IN_MEMORY + " bytes of metadata");
        }
      }
      previous = path;
    }
    return members;
  }

  private static void read(
      ArchiveMembers members, BlobSink sink, String path, InputStream content, long size)
      throws IOException {
    if (isMetadata(path)) {
      if (size > MAX_IN_MEMORY) {
        throw new ArchiveException(path + " is larger than " + MAX_IN_MEMORY + " bytes");
      }
      members.keep(path, readFully(content, size, path));
    } else if (path.startsWith("blobs/") && size <= MAX_IN_MEMORY) {
      // A small blob is a manifest, an index, a config or a small layer: JSON stays in memory.
      byte[] bytes = readFully(content, size, path);
      if (looksLikeJson(bytes)) {
        members.keep(path, bytes);
      } else {
        members.stored(path, store(sink, path, new ByteArrayInputStream(bytes), size));
      }
    } else if (path.endsWith(".json") && size <= MAX_IN_MEMORY) {
      members.keep(path, readFully(content, size, path));
    } else {
      members.stored(path, store(sink, path, shielded(content), size));
    }
  }

  /** Hands a member to the sink and checks that the sink took all of it. */
  static StoredBlob store(BlobSink sink, String path, InputStream content, long size)
      throws IOException {
    StoredBlob blob;
    try {
      blob = sink.store(path, content, size);
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException("could not store member " + path + ": " + e.getMessage(), e);
    }
    if (blob == null || blob.size() != size) {
      throw new ArchiveException(
          "the sink stored "
              + (blob == null ? "nothing" : blob.size() + " bytes")
              + " of member "
              + path
              + ", which has "
              + size
              + " bytes");
    }
    return blob;
  }

  private static boolean isMetadata(String path) {
    return TOP_LEVEL_METADATA.contains(path) || LEGACY_METADATA.matcher(path).matches();
  }

  private static boolean looksLikeJson(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b == '{' || b == '[';
      }
    }
    return false;
  }

  private static void requireTar(BufferedInputStream in) throws IOException {
    in.mark(TAR_BLOCK);
    byte[] header = in.readNBytes(TAR_BLOCK);
    in.reset();
    if (header.length == 0) {
      throw new ArchiveException("archive is empty");
    }
    if (!BlobInspector.looksLikeTar(header)) {
      throw new ArchiveException("archive is not a tar file");
    }
  }

  private static TarArchiveEntry nextEntry(TarArchiveInputStream entries, String previous)
      throws ArchiveException {
    try {
      return entries.getNextEntry();
    } catch (IOException e) {
      throw new ArchiveException(
          "archive is corrupt after member " + previous + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readFully(InputStream content, long size, String path) throws IOException {
    byte[] bytes;
    try {
      bytes = content.readNBytes((int) size);
    } catch (IOException e) {
      throw new ArchiveException(
          "archive is corrupt inside member " + path + ": " + e.getMessage(), e);
    }
    if (bytes.length != size) {
      throw new ArchiveException("archive ends inside member " + path);
    }
    return bytes;
  }

  private static InputStream shielded(InputStream content) {
    // The sink must not close the archive stream under the reader.
    return new FilterInputStream(content) {
      @Override
      public void close() {}
    };
  }
}
