package io.berth.image.archive;

import io.berth.image.config.Digest;
import java.util.Objects;

/**
 * A layer to write into an archive, as an uncompressed tar.
 *
 * @param diffId the tar's digest
 * @param size the tar's size in bytes
 */
public record SavedLayer(Digest diffId, long size) {

  public SavedLayer {
    Objects.requireNonNull(diffId, "diffId");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }
}
