package io.berth.layer.content;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Recognises layer blobs by their first bytes and names them with OCI media types.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md">OCI layers</a>
 */
public enum LayerMediaTypes {
  TAR("application/vnd.oci.image.layer.v1.tar"),
  TAR_GZIP("application/vnd.oci.image.layer.v1.tar+gzip"),
  TAR_ZSTD("application/vnd.oci.image.layer.v1.tar+zstd");

  /** The media type of a blob that is not a layer and was not named by its writer. */
  public static final String OCTET_STREAM = "application/octet-stream";

  private static final int BUFFER = 1 << 16;

  private final String mediaType;

  LayerMediaTypes(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The OCI media type. */
  public String mediaType() {
    return mediaType;
  }

  /** The compression the first bytes announce; plain for anything else. */
  public static LayerMediaTypes sniff(byte[] head, int length) {
    if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return TAR_GZIP;
    }
    if (length >= 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return TAR_ZSTD;
    }
    return TAR;
  }

  /** The uncompressed stream of a blob stored with this compression. */
  public InputStream decompress(InputStream raw) throws IOException {
    return switch (this) {
      case TAR -> raw;
      case TAR_GZIP -> new GZIPInputStream(new BufferedInputStream(raw, BUFFER), BUFFER);
      case TAR_ZSTD -> new ZstdInputStream(new BufferedInputStream(raw, BUFFER));
    };
  }

  /** The compression of a stored media type, or null for a blob that is not a layer. */
  public static LayerMediaTypes ofMediaType(String mediaType) {
    return Arrays.stream(values())
        .filter(type -> type.mediaType.equals(mediaType))
        .findFirst()
        .orElse(null);
  }

  /**
   * Whether a 512-byte block starts a tar archive: a POSIX or GNU magic at offset 257, or an
   * all-zero block (an empty archive ends with zero blocks).
   */
  public static boolean isTarHeader(byte[] block, int length) {
    if (length < 512) {
      return false;
    }
    if (block[257] == 'u'
        && block[258] == 's'
        && block[259] == 't'
        && block[260] == 'a'
        && block[261] == 'r') {
      return true;
    }
    for (int i = 0; i < 512; i++) {
      if (block[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
