package io.berth.events.image;

import io.berth.events.Event;
import java.util.Objects;

/**
 * An image was made from a root filesystem tar ({@code docker import}).
 *
 * @param image the new image
 * @param source where the tar came from: {@code -} for the request body, or a URL
 */
public record ImageImported(ImageDescriptor image, String source) implements Event {
  public ImageImported {
    Objects.requireNonNull(image, "image");
  }

  @Override
  public String subject() {
    return image.imageId();
  }
}
