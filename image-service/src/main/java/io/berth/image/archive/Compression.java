package io.berth.image.archive;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The compressions Docker accepts for archives and layers, told apart by their magic bytes as
 * Docker's {@code DetectCompression} does.
 *
 * @see <a href="https://github.com/moby/go-archive/blob/v0.1.0/compression/compression.go">moby
 *     compression.go</a>
 */
enum Compression {
  NONE,
  GZIP,
  ZSTD,
  BZIP2,
  XZ;

  private static final int MAGIC = 6;

  /** Looks at the first bytes of a stream that supports mark/reset, without consuming them. */
  static Compression detect(BufferedInputStream in) throws IOException {
    in.mark(MAGIC);
    byte[] magic = in.readNBytes(MAGIC);
    in.reset();
    if (startsWith(magic, 0x1f, 0x8b, 0x08)) {
      return GZIP;
    }
    if (startsWith(magic, 0x28, 0xb5, 0x2f, 0xfd)) {
      return ZSTD;
    }
    if (startsWith(magic, 'B', 'Z', 'h')) {
      return BZIP2;
    }
    if (startsWith(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return XZ;
    }
    return NONE;
  }

  /** The decompressed stream. */
  InputStream decompress(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP ->
          GzipCompressorInputStream.builder()
              .setInputStream(in)
              .setDecompressConcatenated(true)
              .get();
      case ZSTD -> new ZstdInputStream(in);
      case BZIP2 -> new BZip2CompressorInputStream(in, true);
      case XZ -> throw new ArchiveException("xz compression is not supported");
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
}
