package io.berth.image.archive.json;

import java.util.List;
import java.util.Objects;

/**
 * One image of a {@code docker save} archive's {@code manifest.json}.
 *
 * @param config the member holding the config, like {@code blobs/sha256/<hex>} or {@code
 *     <hex>.json}
 * @param repoTags tags like {@code busybox:latest}, as written
 * @param layers the members holding the layers, bottom first
 * @param parent the parent image id, or null
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/image/tarexport/tarexport.go">moby
 *     tarexport manifestItem</a>
 */
public record ManifestEntry(
    String config, List<String> repoTags, List<String> layers, String parent) {

  public ManifestEntry {
    Objects.requireNonNull(config, "config");
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    layers = layers == null ? List.of() : List.copyOf(layers);
  }
}
