package io.berth.layer.http;

import io.berth.layer.content.BlobInfo;

/**
 * A blob's description on the blob endpoint.
 *
 * @param digest the digest of the stored bytes
 * @param size their length
 * @param mediaType the media type
 * @param diffId the digest of the uncompressed tar for a layer, else null
 * @param diffSize the length of the uncompressed tar for a layer, else 0
 */
public record BlobJson(String digest, long size, String mediaType, String diffId, long diffSize) {

  static BlobJson of(BlobInfo info) {
    return new BlobJson(
        info.digest().value(),
        info.size(),
        info.mediaType(),
        info.diffId() == null ? null : info.diffId().value(),
        info.diffSize());
  }
}
