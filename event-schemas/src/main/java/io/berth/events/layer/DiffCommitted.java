package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A snapshot's changes are a layer blob in the content store; the outcome of {@link
 * DiffCommitRequested}.
 *
 * @param key the snapshot's name
 * @param digest the {@code sha256:} digest of the layer blob
 * @param diffId the digest of the uncompressed layer tar
 * @param size the blob's size in bytes
 * @param mediaType the blob's media type
 */
public record DiffCommitted(String key, String digest, String diffId, long size, String mediaType)
    implements Event {
  public DiffCommitted {
    Checks.requireText(key, "key");
    Checks.requireDigest(digest, "digest");
    Checks.requireDigest(diffId, "diffId");
    Checks.requireNotNegative(size, "size");
    Checks.requireText(mediaType, "mediaType");
  }

  @Override
  public String subject() {
    return key;
  }
}
