package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.Objects;

/**
 * An image was written from a container's changes; the outcome of {@link ImageCommitRequested}.
 *
 * @param image the new image
 * @param containerId the id of the committed container
 */
public record ImageCommitted(ImageDescriptor image, String containerId) implements Event {
  public ImageCommitted {
    Objects.requireNonNull(image, "image");
    Checks.requireText(containerId, "containerId");
  }

  @Override
  public String subject() {
    return image.imageId();
  }
}
