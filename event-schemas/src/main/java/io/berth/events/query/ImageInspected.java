package io.berth.events.query;

import io.berth.events.Checks;
import io.berth.events.Reply;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One image in full; the answer to {@link ImageInspectRequested}.
 *
 * @param requestId the request's id
 * @param imageId the image id
 * @param repoTags its references
 * @param parentId the parent image's id, or null
 * @param created when it was created
 * @param size the uncompressed size of all its layers in bytes
 * @param config the image config JSON exactly as stored (its digest is the image id)
 * @param layers its layers, bottom first
 */
public record ImageInspected(
    String requestId,
    String imageId,
    List<String> repoTags,
    String parentId,
    Instant created,
    long size,
    String config,
    List<ImageLayer> layers)
    implements Reply {
  public ImageInspected {
    Checks.requireDigest(imageId, "imageId");
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    Checks.optionalDigest(parentId, "parentId");
    Objects.requireNonNull(created, "created");
    Checks.requireNotNegative(size, "size");
    Checks.requireText(config, "config");
    layers = layers == null ? List.of() : List.copyOf(layers);
  }

  @Override
  public String subject() {
    return requestId;
  }
}
