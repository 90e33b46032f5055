package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to upload an image to a registry ({@code docker push}). Registry credentials never travel in
 * events.
 *
 * @param reference what to push, like {@code registry.example:5000/app:1.0}
 */
public record ImagePushRequested(String reference) implements Command {
  public ImagePushRequested {
    Checks.requireText(reference, "reference");
  }

  @Override
  public String subject() {
    return reference;
  }
}
