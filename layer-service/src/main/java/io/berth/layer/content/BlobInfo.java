package io.berth.layer.content;

import java.util.Objects;

/**
 * What the content store knows about one blob.
 *
 * @param digest the digest of the bytes as stored
 * @param size their length
 * @param mediaType the OCI media type: a layer tar (plain, gzip or zstd), or whatever the writer
 *     said, else {@code application/octet-stream}
 * @param diffId for a layer, the digest of its uncompressed tar; null for other blobs
 * @param diffSize for a layer, the length of its uncompressed tar; 0 for other blobs
 */
public record BlobInfo(Digest digest, long size, String mediaType, Digest diffId, long diffSize) {

  public BlobInfo {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
  }

  /** Whether the blob is a layer tar. */
  public boolean isLayer() {
    return diffId != null;
  }
}
