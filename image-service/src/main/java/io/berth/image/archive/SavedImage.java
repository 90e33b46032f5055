package io.berth.image.archive;

import io.berth.events.image.ImageRef;
import io.berth.image.config.ImageConfigDocument;
import java.util.List;
import java.util.Objects;

/**
 * An image to write into an archive.
 *
 * @param config the config, written byte for byte
 * @param repoTags the tags to give it; references without a tag are left out
 * @param layers its layers, bottom first, matching the config's diff ids
 */
public record SavedImage(
    ImageConfigDocument config, List<ImageRef> repoTags, List<SavedLayer> layers) {

  public SavedImage {
    Objects.requireNonNull(config, "config");
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    layers = layers == null ? List.of() : List.copyOf(layers);
    List<?> diffIds = layers.stream().map(SavedLayer::diffId).toList();
    if (!diffIds.equals(config.diffIds())) {
      throw new IllegalArgumentException(
          "layers " + diffIds + " are not the config's diff ids " + config.diffIds());
    }
  }
}
