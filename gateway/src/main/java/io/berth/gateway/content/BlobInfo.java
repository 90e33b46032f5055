package io.berth.gateway.content;

import io.berth.events.Checks;

/**
 * What the content store says of a blob it has just stored ({@code POST /blobs}).
 *
 * @param digest the blob's {@code sha256:} digest
 * @param size its size in bytes
 * @param mediaType an OCI layer media type when the blob is a tar (plain, gzip or zstd), else
 *     {@code application/octet-stream} or the type the uploader named
 * @param diffId the digest of the uncompressed tar, or null when the blob is not a tar
 * @param diffSize the size of the uncompressed tar in bytes (0 when it is not a tar)
 */
public record BlobInfo(String digest, long size, String mediaType, String diffId, long diffSize) {

  public BlobInfo {
    Checks.requireDigest(digest, "digest");
    Checks.requireNotNegative(size, "size");
    Checks.optionalDigest(diffId, "diffId");
  }

  /** Whether the content store recognised the blob as a tar archive. */
  public boolean isTar() {
    return diffId != null;
  }
}
