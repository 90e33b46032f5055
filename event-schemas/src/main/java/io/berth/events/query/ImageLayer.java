package io.berth.events.query;

import io.berth.events.Checks;

/**
 * One layer of an inspected image.
 *
 * @param diffId the digest of the uncompressed layer tar
 * @param digest the digest of the blob that holds it in the content store
 * @param mediaType the blob's media type
 * @param size the uncompressed size in bytes
 */
public record ImageLayer(String diffId, String digest, String mediaType, long size) {
  public ImageLayer {
    Checks.requireDigest(diffId, "diffId");
    Checks.requireDigest(digest, "digest");
    Checks.requireText(mediaType, "mediaType");
    Checks.requireNotNegative(size, "size");
  }
}
