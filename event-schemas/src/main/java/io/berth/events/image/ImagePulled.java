package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.Objects;

/**
 * An image was fetched from a registry (Docker's {@code pull}); the outcome of {@link
 * ImagePullRequested}.
 *
 * @param image the image
 * @param reference the reference pulled, as asked
 * @param manifestDigest the {@code sha256:} digest of the manifest the registry served
 */
public record ImagePulled(ImageDescriptor image, String reference, String manifestDigest)
    implements Event {
  public ImagePulled {
    Objects.requireNonNull(image, "image");
    Checks.requireText(reference, "reference");
    Checks.requireDigest(manifestDigest, "manifestDigest");
  }

  @Override
  public String subject() {
    return image.imageId();
  }
}
