package io.berth.events.query;

import io.berth.events.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of {@code docker images}.
 *
 * @param imageId the image id, the {@code sha256:} digest of its config
 * @param repoTags its references, like {@code busybox:latest}; empty for a dangling image
 * @param parentId the parent image's id, or null
 * @param created when the image was created, from its config
 * @param size the uncompressed size of all its layers in bytes
 * @param sharedSize the bytes of its layers that other images use too
 * @param labels the labels of its config
 * @param containers how many containers use it
 */
public record ImageSummary(
    String imageId,
    List<String> repoTags,
    String parentId,
    Instant created,
    long size,
    long sharedSize,
    Map<String, String> labels,
    int containers) {
  public ImageSummary {
    Checks.requireDigest(imageId, "imageId");
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    Checks.optionalDigest(parentId, "parentId");
    Objects.requireNonNull(created, "created");
    Checks.requireNotNegative(size, "size");
    Checks.requireNotNegative(sharedSize, "sharedSize");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
