package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to remove one reference from an image and keep the image.
 *
 * @param reference the reference to remove, like {@code app:1.0}
 */
public record ImageUntagRequested(String reference) implements Command {
  public ImageUntagRequested {
    Checks.requireText(reference, "reference");
  }

  @Override
  public String subject() {
    return reference;
  }
}
