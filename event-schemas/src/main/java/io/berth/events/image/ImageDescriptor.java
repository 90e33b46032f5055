package io.berth.events.image;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a consumer needs to know about an image (event-carried state transfer): the
 * container-service learns configs and layer chains from this, never by asking the image-service.
 *
 * @param imageId {@code sha256:} digest of the image config
 * @param repoTags tags like {@code busybox:latest}
 * @param config the runtime config
 * @param diffIds the layers' diff ids, bottom first
 * @param chainIds the layers' chain ids, bottom first (OCI image spec)
 * @param parentId the parent image id, or null
 * @param size total uncompressed size in bytes
 * @param created when the image was created
 */
public record ImageDescriptor(
    String imageId,
    List<String> repoTags,
    ImageConfig config,
    List<String> diffIds,
    List<String> chainIds,
    String parentId,
    long size,
    Instant created) {

  public ImageDescriptor {
    if (imageId == null || !imageId.startsWith("sha256:")) {
      throw new IllegalArgumentException("image id must be a sha256 digest: " + imageId);
    }
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    config = config == null ? ImageConfig.empty() : config;
    diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
    chainIds = chainIds == null ? List.of() : List.copyOf(chainIds);
    if (diffIds.size() != chainIds.size()) {
      throw new IllegalArgumentException("diffIds and chainIds differ in length");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    Objects.requireNonNull(created, "created");
  }
}
