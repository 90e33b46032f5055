package io.berth.layer.tar;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * How a layer blob is compressed, told by its magic bytes or its OCI media type (OCI image spec,
 * layer.md "Media Types").
 */
public enum Compression {
  /** A plain tar. */
  NONE("application/vnd.oci.image.layer.v1.tar"),
  /** gzip, RFC 1952; magic {@code 1f 8b}. */
  GZIP("application/vnd.oci.image.layer.v1.tar+gzip"),
  /** Zstandard, RFC 8878; magic {@code 28 b5 2f fd}. */
  ZSTD("application/vnd.oci.image.layer.v1.tar+zstd");

  private static final int BUFFER = 1 << 16;

  private final String mediaType;

  Compression(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The OCI layer media type of a layer compressed so. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The compression an OCI or Docker layer media type names.
   *
   * @param mediaType e.g. {@code application/vnd.oci.image.layer.v1.tar+zstd} or Docker's {@code
   *     application/vnd.docker.image.rootfs.diff.tar.gzip}
   * @return the compression
   * @throws IllegalArgumentException if the media type is not a layer type this code knows
   */
  public static Compression fromMediaType(String mediaType) {
    return switch (mediaType) {
      case "application/vnd.oci.image.layer.v1.tar",
          "application/vnd.oci.image.layer.nondistributable.v1.tar",
          "application/vnd.docker.image.rootfs.diff.tar" ->
          NONE;
      case "application/vnd.oci.image.layer.v1.tar+gzip",
          "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
          "application/vnd.docker.image.rootfs.diff.tar.gzip",
          "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip" ->
          GZIP;
      case "application/vnd.oci.image.layer.v1.tar+zstd",
          "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd" ->
          ZSTD;
      default -> throw new IllegalArgumentException("not a layer media type: " + mediaType);
    };
  }

  /**
   * The compression whose magic bytes start {@code head}; {@link #NONE} for anything else.
   *
   * @param head the first bytes of a blob (four are enough)
   * @param length how many bytes of {@code head} are valid
   * @return the compression
   */
  public static Compression detect(byte[] head, int length) {
    if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (length >= 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    return NONE;
  }

  /**
   * Peeks at the magic bytes of a stream without consuming them.
   *
   * @param in a stream that {@linkplain InputStream#markSupported() supports mark}
   * @return the compression
   * @throws IOException if the stream cannot be read
   */
  public static Compression detect(InputStream in) throws IOException {
    if (!in.markSupported()) {
      throw new IllegalArgumentException("detect needs a stream that supports mark/reset");
    }
    in.mark(4);
    byte[] head = in.readNBytes(4);
    in.reset();
    return detect(head, head.length);
  }

  /**
   * Detects the compression of a stream and returns its decompressed content.
   *
   * @param in a layer blob, compressed or not
   * @return the uncompressed tar stream
   * @throws IOException if the stream cannot be read or its compressed header is invalid
   */
  public static InputStream decompress(InputStream in) throws IOException {
    InputStream markable = in.markSupported() ? in : new BufferedInputStream(in, BUFFER);
    return detect(markable).open(markable);
  }

  /**
   * Wraps a stream compressed this way into one that yields the uncompressed bytes.
   *
   * @param in the compressed stream
   * @return the uncompressed stream; closing it closes {@code in}
   * @throws IOException if the compressed header is invalid
   */
  public InputStream open(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      // java.util.zip reads concatenated gzip members too, and bench/unpack.sh measured it
      // no slower than commons-compress's GzipCompressorInputStream.
      case GZIP -> new GZIPInputStream(in, BUFFER);
      case ZSTD -> new ZstdInputStreamNoFinalizer(in);
    };
  }
}
