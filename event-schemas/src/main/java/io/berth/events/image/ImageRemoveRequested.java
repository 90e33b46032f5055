package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to remove an image or one of its references ({@code docker rmi}); fails with {@code
 * FAILED_PRECONDITION} if a container uses it, unless forced.
 *
 * @param reference the reference or id, as the user wrote it
 * @param force remove it even if containers use it or other references point to it
 * @param noPrune keep untagged parent images
 */
public record ImageRemoveRequested(String reference, boolean force, boolean noPrune)
    implements Command {
  public ImageRemoveRequested {
    Checks.requireText(reference, "reference");
  }

  @Override
  public String subject() {
    return reference;
  }
}
