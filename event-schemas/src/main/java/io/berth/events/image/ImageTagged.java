package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.Objects;

/**
 * An image has a new reference (Docker's {@code tag}); the outcome of {@link ImageTagRequested}.
 *
 * @param image the image, its tags including the new one
 * @param reference the new reference, like {@code app:1.0}
 * @param replacedImageId the image the reference pointed to before, which lost it, or null
 */
public record ImageTagged(ImageDescriptor image, String reference, String replacedImageId)
    implements Event {
  public ImageTagged {
    Objects.requireNonNull(image, "image");
    Checks.requireText(reference, "reference");
    Checks.optionalDigest(replacedImageId, "replacedImageId");
  }

  @Override
  public String subject() {
    return image.imageId();
  }
}
