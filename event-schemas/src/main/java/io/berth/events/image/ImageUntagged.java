package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * An image lost a reference (Docker's {@code untag}); the outcome of {@link ImageUntagRequested},
 * and published too for each reference an {@link ImageRemoveRequested} removed.
 *
 * @param imageId the image id
 * @param reference the reference it no longer has
 */
public record ImageUntagged(String imageId, String reference) implements Event {
  public ImageUntagged {
    Checks.requireDigest(imageId, "imageId");
    Checks.requireText(reference, "reference");
  }

  @Override
  public String subject() {
    return imageId;
  }
}
