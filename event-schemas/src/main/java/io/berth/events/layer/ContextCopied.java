package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * The layer of a build's {@code COPY}, {@code ADD} or {@code WORKDIR} is a blob in the content
 * store; the outcome of {@link ContextCopyRequested} and {@link DirectoryLayerRequested}.
 *
 * @param key the copy's key
 * @param digest the {@code sha256:} digest of the layer blob
 * @param diffId the digest of the uncompressed layer tar
 * @param size the blob's size in bytes
 * @param mediaType the blob's media type
 * @param files how many files, directories and links the layer holds
 */
public record ContextCopied(
    String key, String digest, String diffId, long size, String mediaType, int files)
    implements Event {
  public ContextCopied {
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
