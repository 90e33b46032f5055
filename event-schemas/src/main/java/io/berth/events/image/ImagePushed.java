package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * An image was uploaded to a registry (Docker's {@code push}); the outcome of {@link
 * ImagePushRequested}.
 *
 * @param imageId the image id
 * @param reference the reference pushed
 * @param manifestDigest the {@code sha256:} digest of the manifest the registry stored
 * @param size the manifest's size in bytes
 */
public record ImagePushed(String imageId, String reference, String manifestDigest, long size)
    implements Event {
  public ImagePushed {
    Checks.requireDigest(imageId, "imageId");
    Checks.requireText(reference, "reference");
    Checks.requireDigest(manifestDigest, "manifestDigest");
    Checks.requireNotNegative(size, "size");
  }

  @Override
  public String subject() {
    return imageId;
  }
}
