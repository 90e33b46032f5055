package io.berth.image.archive;

import io.berth.image.archive.json.MediaTypes;
import io.berth.image.config.Digest;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a blob once and tells what it is: the digest and size of its bytes and, when it is a tar
 * (plain, gzip, zstd or bzip2), its diff id and uncompressed size. Optionally copies the bytes as
 * they pass, so that a {@link BlobSink} can store and describe a member in the same pass.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#layer-diffid">OCI
 *     layer DiffID</a>
 */
public final class BlobInspector {

  private static final int TAR_BLOCK = 512;

  private BlobInspector() {}

  /**
   * Reads a blob to its end.
   *
   * @param content the blob's bytes; not closed
   * @param copy where to copy the bytes as they are read, or null
   * @return the description of the blob
   * @throws IOException when reading or copying fails, or compressed data is corrupt
   */
  public static StoredBlob inspect(InputStream content, OutputStream copy) throws IOException {
    HashingInputStream raw = new HashingInputStream(content, copy);
    BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
    Compression compression = Compression.detect(buffered);
    HashingInputStream tar =
        new HashingInputStream(compression.decompress(nonClosing(buffered)), null);
    byte[] header = tar.readNBytes(TAR_BLOCK);
    boolean isTar = looksLikeTar(header);
    tar.transferTo(OutputStream.nullOutputStream());
    // Bytes after the compressed data still belong to the blob.
    buffered.transferTo(OutputStream.nullOutputStream());
    Digest digest = raw.digest();
    if (!isTar) {
      return new StoredBlob(digest, raw.count(), MediaTypes.OCTET_STREAM, null, 0);
    }
    String mediaType =
        switch (compression) {
          case GZIP -> MediaTypes.OCI_LAYER_GZIP;
          case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
          case NONE -> MediaTypes.OCI_LAYER;
          default -> "application/x-bzip2";
        };
    return new StoredBlob(digest, raw.count(), mediaType, tar.digest(), tar.count());
  }

  /** Whether a first block is a tar header, or the zero block that ends an empty tar. */
  static boolean looksLikeTar(byte[] header) {
    if (header.length < TAR_BLOCK) {
      return false;
    }
    boolean zeros = true;
    for (byte b : header) {
      zeros &= b == 0;
    }
    return zeros || TarArchiveInputStream.matches(header, header.length) || checksumMatches(header);
  }

  /** Pre-POSIX (v7) headers have no magic; their checksum still tells them apart. */
  private static boolean checksumMatches(byte[] header) {
    String field = new String(header, 148, 8, StandardCharsets.US_ASCII).trim();
    field = field.replace("\0", "").trim();
    if (field.isEmpty()) {
      return false;
    }
    long expected;
    try {
      expected = Long.parseLong(field, 8);
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] copy = Arrays.copyOf(header, TAR_BLOCK);
    Arrays.fill(copy, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : copy) {
      sum += b & 0xff;
    }
    return sum == expected;
  }

  private static InputStream nonClosing(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  /** Counts and hashes the bytes read through it, and copies them to an optional stream. */
  private static final class HashingInputStream extends FilterInputStream {
    private final MessageDigest sha = Digest.newSha256();
    private final OutputStream copy;
    private long count;

    HashingInputStream(InputStream in, OutputStream copy) {
      super(in);
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        sha.update(buffer, offset, n);
        count += n;
        if (copy != null) {
          copy.write(buffer, offset, n);
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Skipped bytes must be hashed too.
      byte[] buffer = new byte[(int) Math.min(n, 8192)];
      int read = read(buffer, 0, buffer.length);
      return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    Digest digest() {
      return Digest.fromHash(sha.digest());
    }

    long count() {
      return count;
    }
  }
}
