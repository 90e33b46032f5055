package io.berth.layer.tar;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The uncompressed tar stream, hashed for the DiffID and cut off as soon as it passes the size or
 * compression-ratio limit, so a decompression bomb is stopped after at most one buffer more than
 * the limit, not after it was written out.
 */
final class GuardedInputStream extends FilterInputStream {

  private final CountingInputStream compressed;
  private final UnpackOptions options;
  private final Supplier<String> currentEntry;
  private final MessageDigest sha256;
  private long count; // read by the extracting thread only after this stream's thread ended

  GuardedInputStream(
      InputStream uncompressed,
      CountingInputStream compressed,
      UnpackOptions options,
      Supplier<String> currentEntry) {
    super(uncompressed);
    this.compressed = compressed;
    this.options = options;
    this.currentEntry = currentEntry;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  long count() {
    return count;
  }

  String diffId() {
    return "sha256:" + HexFormat.of().formatHex(sha256.digest());
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      sha256.update(b, off, n);
      count += n;
      check();
    }
    return n;
  }

  /** Skipping would leave bytes out of the digest, so skip by reading. */
  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 1 << 16)];
    int r = read(scratch, 0, scratch.length);
    return Math.max(r, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void check() throws UnsafeArchiveException {
    if (count > options.maxUncompressedBytes()) {
      throw new UnsafeArchiveException(
          currentEntry.get(),
          "the uncompressed layer exceeds the limit of "
              + options.maxUncompressedBytes()
              + " bytes");
    }
    long ratio = options.maxCompressionRatio();
    if (ratio > 0
        && count > UnpackOptions.RATIO_FLOOR
        && count / Math.max(1, compressed.count()) > ratio) {
      throw new UnsafeArchiveException(
          currentEntry.get(),
          "compression ratio above "
              + ratio
              + ":1 ("
              + count
              + " bytes out of "
              + compressed.count()
              + ")");
    }
  }
}
