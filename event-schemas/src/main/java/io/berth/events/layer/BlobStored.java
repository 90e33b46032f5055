package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A blob arrived in the content store over its HTTP endpoint, or was made there by a diff; the
 * bytes themselves never travel through Kafka.
 *
 * @param digest the {@code sha256:} digest of the blob's bytes
 * @param size its size in bytes
 * @param mediaType its media type, like {@code application/vnd.oci.image.layer.v1.tar}
 * @param diffId for a layer, the digest of its uncompressed tar (equal to {@code digest} for an
 *     uncompressed layer); null for other blobs
 */
public record BlobStored(String digest, long size, String mediaType, String diffId)
    implements Event {
  public BlobStored {
    Checks.requireDigest(digest, "digest");
    Checks.requireNotNegative(size, "size");
    Checks.requireText(mediaType, "mediaType");
    Checks.optionalDigest(diffId, "diffId");
  }

  @Override
  public String subject() {
    return digest;
  }
}
