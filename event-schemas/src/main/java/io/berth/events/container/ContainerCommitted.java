package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A container's changes became a new image (Docker's container {@code commit}); the outcome of
 * {@link ContainerCommitRequested}. The image itself is announced by the image-service's {@code
 * io.berth.image.Committed}.
 *
 * @param containerId the container id
 * @param imageId the id of the new image
 */
public record ContainerCommitted(String containerId, String imageId) implements Event {
  public ContainerCommitted {
    ContainerIds.requireId(containerId);
    Checks.requireDigest(imageId, "imageId");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
