package io.berth.image.build;

import io.berth.events.ErrorCode;
import io.berth.image.ImageException;
import io.berth.image.config.Digest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * What a build context holds, read once from its tar (plain or compressed): every entry's path,
 * type, mode and, for files, the sha256 of its content. The build uses it to expand {@code COPY}
 * sources and to key the step cache by the files' content; the Dockerfile and {@code .dockerignore}
 * are kept whole. The context is untrusted: paths are cleaned and {@code ..} is refused.
 */
public final class ContextIndex {

  /** The largest Dockerfile or {@code .dockerignore} read. */
  private static final int MAX_KEPT = 4 * 1024 * 1024;

  /** One entry of the context. */
  public record Entry(String path, char type, int mode, long size, String link, String sha256) {

    public boolean isDirectory() {
      return type == 'd';
    }
  }

  private final TreeMap<String, Entry> entries;
  private final Map<String, byte[]> kept;

  private ContextIndex(TreeMap<String, Entry> entries, Map<String, byte[]> kept) {
    this.entries = entries;
    this.kept = kept;
  }

  /**
   * Reads a context tar.
   *
   * @param tar the context, plain or gzip/bzip2/xz/zstd compressed
   * @param keep paths whose content is kept whole (the Dockerfile, {@code .dockerignore})
   */
  public static ContextIndex read(InputStream tar, Set<String> keep) throws IOException {
    TreeMap<String, Entry> entries = new TreeMap<>();
    Map<String, byte[]> kept = new TreeMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(decompressed(tar))) {
      TarArchiveEntry entry;
      byte[] buffer = new byte[64 * 1024];
      MessageDigest sha = Digest.newSha256();
      while ((entry = in.getNextEntry()) != null) {
        String path = clean(entry.getName());
        if (path.isEmpty()) {
          continue;
        }
        char type;
        String link = null;
        String digest = null;
        if (entry.isDirectory()) {
          type = 'd';
        } else if (entry.isSymbolicLink()) {
          type = 'l';
          link = entry.getLinkName();
        } else if (entry.isLink()) {
          type = 'h';
          link = clean(entry.getLinkName());
        } else if (entry.isFile()) {
          type = 'f';
          boolean keepIt = keep.contains(path) && entry.getSize() <= MAX_KEPT;
          ByteArrayOutputStream copy = keepIt ? new ByteArrayOutputStream() : null;
          sha.reset();
          int n;
          while ((n = in.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
            if (copy != null) {
              copy.write(buffer, 0, n);
            }
          }
          digest = HexFormat.of().formatHex(sha.digest());
          if (copy != null) {
            kept.put(path, copy.toByteArray());
          }
        } else {
          type = 'o';
        }
        addParents(entries, path);
        entries.put(
            path, new Entry(path, type, entry.getMode() & 07777, entry.getSize(), link, digest));
      }
    }
    return new ContextIndex(entries, kept);
  }

  private static void addParents(TreeMap<String, Entry> entries, String path) {
    int slash = path.lastIndexOf('/');
    while (slash > 0) {
      String parent = path.substring(0, slash);
      if (entries.containsKey(parent)) {
        return;
      }
      entries.put(parent, new Entry(parent, 'd', 0755, 0, null, null));
      slash = parent.lastIndexOf('/');
    }
  }

  private static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
    try {
      String format = CompressorStreamFactory.detect(in);
      return new BufferedInputStream(
          new CompressorStreamFactory().createCompressorInputStream(format, in), 64 * 1024);
    } catch (CompressorException e) {
      return in;
    }
  }

  /** A context path in the form this index keys it: no {@code ./}, no leading or trailing slash. */
  public static String clean(String name) {
    List<String> parts = new ArrayList<>();
    for (String part : name.replace('\\', '/').split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new ImageException(
              ErrorCode.INVALID_ARGUMENT, "the build context holds a path outside it: " + name);
        }
        parts.remove(parts.size() - 1);
        continue;
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  /** The entry at a cleaned path. */
  public Optional<Entry> entry(String path) {
    return Optional.ofNullable(entries.get(path));
  }

  /** The number of entries. */
  public int size() {
    return entries.size();
  }

  /** Every entry, in path order. */
  public Iterable<Entry> entries() {
    return entries.values();
  }

  /** Entries at or under {@code path} ("" for the whole context), sorted by path. */
  public List<Entry> under(String path) {
    if (path.isEmpty()) {
      return List.copyOf(entries.values());
    }
    List<Entry> found = new ArrayList<>();
    Entry self = entries.get(path);
    if (self != null) {
      found.add(self);
    }
    found.addAll(entries.subMap(path + "/", true, path + "0", false).values());
    return found;
  }

  /** The content of a kept file. */
  public Optional<byte[]> file(String path) {
    return Optional.ofNullable(kept.get(clean(path)));
  }
}
