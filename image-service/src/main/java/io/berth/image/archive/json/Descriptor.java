package io.berth.image.archive.json;

import io.berth.image.config.Digest;
import io.berth.image.config.Platform;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI content descriptor: what a blob is, its digest and size.
 *
 * @param mediaType the media type, or null when not given
 * @param digest the blob's digest
 * @param size the blob's size in bytes
 * @param annotations annotations, like {@code org.opencontainers.image.ref.name}
 * @param platform the platform of a manifest in an index, or null
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md">OCI
 *     descriptor</a>
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    Map<String, String> annotations,
    Platform platform) {

  public Descriptor {
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
