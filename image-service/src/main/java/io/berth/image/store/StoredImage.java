package io.berth.image.store;

import java.time.Instant;
import java.util.List;

/**
 * An image as the image-service keeps it.
 *
 * @param id the image id, the digest of {@code config}
 * @param config the config JSON exactly as stored
 * @param parentId the parent image id, or null
 * @param created the config's creation time
 * @param size the uncompressed size of its layers
 * @param lastTagTime when it was last tagged, or null
 * @param layers its layers, bottom first
 * @param tags its references, sorted
 */
public record StoredImage(
    String id,
    byte[] config,
    String parentId,
    Instant created,
    long size,
    Instant lastTagTime,
    List<StoredLayer> layers,
    List<String> tags) {
  public StoredImage {
    layers = List.copyOf(layers);
    tags = List.copyOf(tags);
  }
}
