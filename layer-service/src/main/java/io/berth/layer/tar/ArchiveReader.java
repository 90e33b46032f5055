package io.berth.layer.tar;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Reads a tar that is hostile input (a build context, an archive {@code ADD} unpacks) one entry at
 * a time, without writing anything: the same {@link TarReader} the layer unpacker uses, names
 * cleaned the same way ({@link EntryNames#clean}: a relative {@code ..} that climbs out is refused,
 * an absolute name is taken relative to the root), PAX and GNU records capped, and the uncompressed
 * stream cut off at a limit.
 *
 * <p>The archive may be a plain tar or gzip, bzip2, xz or zstd compressed, told by its magic bytes
 * as Docker's {@code DetectCompression} does (moby {@code pkg/archive}).
 */
public final class ArchiveReader implements Closeable {

  private static final int BUFFER = 1 << 16;
  private static final int MAGIC = 6;

  private final InputStream stream;
  private final TarReader tar;

  private ArchiveReader(InputStream stream) {
    this.stream = stream;
    this.tar = new TarReader(new BufferedInputStream(stream, BUFFER));
  }

  /**
   * Opens an archive, compressed or not.
   *
   * @param raw the archive's bytes; closed with this reader
   * @param maxUncompressedBytes the most bytes the uncompressed tar may have
   * @return the reader
   * @throws IOException if the compressed header is invalid
   */
  public static ArchiveReader open(InputStream raw, long maxUncompressedBytes) throws IOException {
    return new ArchiveReader(new Limited(decompress(raw), maxUncompressedBytes));
  }

  /**
   * Whether a file is a tar archive (plain or compressed) as Docker's {@code ADD} decides it: its
   * first header can be read. Anything else, a compressed file that is no tar included, is not.
   *
   * @param raw the file's bytes; closed here
   * @return true if {@code ADD} unpacks it
   */
  public static boolean isArchive(InputStream raw) {
    try (ArchiveReader reader = open(raw, Long.MAX_VALUE)) {
      return reader.tar.next() != null;
    } catch (IOException notATar) {
      return false;
    }
  }

  /**
   * The decompressed bytes of a stream whose compression is told by its magic bytes.
   *
   * @param raw gzip, bzip2, xz, zstd or uncompressed bytes
   * @return the uncompressed stream; closing it closes {@code raw}
   * @throws IOException if the compressed header is invalid
   */
  public static InputStream decompress(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    in.mark(MAGIC);
    byte[] magic = in.readNBytes(MAGIC);
    in.reset();
    if (startsWith(magic, 0x42, 0x5a, 0x68)) { // "BZh"
      return new BZip2CompressorInputStream(in, true);
    }
    if (startsWith(magic, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) { // "\xfd7zXZ\0"
      return new XZCompressorInputStream(in, true);
    }
    return Compression.detect(magic, magic.length).open(in);
  }

  /**
   * The next entry that a layer can hold, or null at the end; entries of other types (sockets,
   * vendor extensions) are skipped with their content.
   *
   * @throws UnsafeArchiveException if the entry's name or hard link target escapes the root
   * @throws IOException if the stream is no valid tar or passes the limit
   */
  public ArchiveEntry next() throws IOException {
    for (TarEntry entry = tar.next(); entry != null; entry = tar.next()) {
      ArchiveEntry.Type type = type(entry);
      if (type == null) {
        continue;
      }
      String link =
          type == ArchiveEntry.Type.HARD_LINK
              ? EntryNames.clean(entry.linkName(), entry.name())
              : type == ArchiveEntry.Type.SYMLINK ? entry.linkName() : "";
      if (type == ArchiveEntry.Type.SYMLINK && link.isEmpty()) {
        throw new IOException("tar entry '" + entry.name() + "': symbolic link with empty target");
      }
      return new ArchiveEntry(
          EntryNames.clean(entry.name(), entry.name()),
          type,
          entry.mode(),
          entry.uid(),
          entry.gid(),
          type == ArchiveEntry.Type.FILE ? entry.size() : 0,
          entry.mtime().to(TimeUnit.SECONDS),
          link,
          entry.devMajor(),
          entry.devMinor(),
          entry.xattrs());
    }
    return null;
  }

  /** Reads content of the current regular file; -1 at its end. */
  public int read(byte[] buffer, int off, int len) throws IOException {
    return tar.read(buffer, off, len);
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }

  private static ArchiveEntry.Type type(TarEntry entry) {
    if (entry.isRegularFile()) {
      return ArchiveEntry.Type.FILE;
    }
    return switch (entry.type()) {
      case TarEntry.TYPE_DIRECTORY -> ArchiveEntry.Type.DIRECTORY;
      case TarEntry.TYPE_SYMLINK -> ArchiveEntry.Type.SYMLINK;
      case TarEntry.TYPE_HARD_LINK -> ArchiveEntry.Type.HARD_LINK;
      case TarEntry.TYPE_CHAR_DEVICE -> ArchiveEntry.Type.CHAR_DEVICE;
      case TarEntry.TYPE_BLOCK_DEVICE -> ArchiveEntry.Type.BLOCK_DEVICE;
      case TarEntry.TYPE_FIFO -> ArchiveEntry.Type.FIFO;
      default -> null;
    };
  }

  private static boolean startsWith(byte[] bytes, int... magic) {
    if (bytes.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((bytes[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Cuts a decompression bomb off at the limit instead of reading it to its end. */
  private static final class Limited extends FilterInputStream {

    private final long max;
    private long count;

    Limited(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      count(Math.max(skipped, 0));
      return skipped;
    }

    private void count(long n) throws UnsafeArchiveException {
      count += n;
      if (count > max) {
        throw new UnsafeArchiveException(
            "(stream)", "the uncompressed archive exceeds the limit of " + max + " bytes");
      }
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
