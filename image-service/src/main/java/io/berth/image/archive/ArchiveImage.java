package io.berth.image.archive;

import io.berth.events.image.ImageRef;
import io.berth.image.config.Digest;
import io.berth.image.config.ImageConfigDocument;
import java.util.List;
import java.util.Objects;

/**
 * One image read from an archive: its config with the exact bytes, its tags, and its layers as the
 * sink stored them, bottom first.
 *
 * @param config the config, whose id is the image id
 * @param repoTags the tags the archive gives the image, normalised ({@code busybox:latest})
 * @param layers the layers, bottom first; their diff ids are the config's
 * @param parent the parent image id from {@code manifest.json}, or null
 */
public record ArchiveImage(
    ImageConfigDocument config, List<ImageRef> repoTags, List<StoredBlob> layers, Digest parent) {

  public ArchiveImage {
    Objects.requireNonNull(config, "config");
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    layers = layers == null ? List.of() : List.copyOf(layers);
  }

  /** The image id: the digest of the config bytes. */
  public Digest id() {
    return config.id();
  }
}
