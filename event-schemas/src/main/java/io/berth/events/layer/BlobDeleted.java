package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A blob is gone from the content store; the outcome of {@link BlobDeleteRequested}.
 *
 * @param digest the blob's digest
 * @param size the bytes it took
 */
public record BlobDeleted(String digest, long size) implements Event {
  public BlobDeleted {
    Checks.requireDigest(digest, "digest");
    Checks.requireNotNegative(size, "size");
  }

  @Override
  public String subject() {
    return digest;
  }
}
