package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to delete a blob from the content store; fails with {@code FAILED_PRECONDITION} while a
 * snapshot or image references it.
 *
 * @param digest the blob's digest
 */
public record BlobDeleteRequested(String digest) implements Command {
  public BlobDeleteRequested {
    Checks.requireDigest(digest, "digest");
  }

  @Override
  public String subject() {
    return digest;
  }
}
