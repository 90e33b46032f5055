package io.berth.image.archive;

import io.berth.image.config.Digest;
import java.util.Objects;

/**
 * A blob that a {@link BlobSink} stored: the digest and size of its bytes and, when it is a
 * (possibly compressed) tar layer, the digest and size of the uncompressed tar.
 *
 * @param digest the sha256 of the bytes as stored
 * @param size the number of bytes stored
 * @param mediaType the media type, like {@code application/vnd.oci.image.layer.v1.tar+gzip}
 * @param diffId the sha256 of the uncompressed tar, or null when the blob is not a tar layer
 * @param diffSize the size of the uncompressed tar, or 0 when the blob is not a tar layer
 */
public record StoredBlob(Digest digest, long size, String mediaType, Digest diffId, long diffSize) {

  public StoredBlob {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    if (size < 0 || diffSize < 0) {
      throw new IllegalArgumentException("sizes must not be negative");
    }
  }

  /** Whether the blob is a tar layer, so that it has a diff id. */
  public boolean isLayer() {
    return diffId != null;
  }
}
