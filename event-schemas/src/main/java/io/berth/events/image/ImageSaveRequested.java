package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.util.List;

/**
 * Asks to write images into one {@code docker save} archive in the content store ({@code docker
 * save}).
 *
 * @param saveId the id the gateway chose for this save
 * @param images the references or ids to save; not empty
 */
public record ImageSaveRequested(String saveId, List<String> images) implements Command {
  public ImageSaveRequested {
    Checks.requireText(saveId, "saveId");
    images = images == null ? List.of() : List.copyOf(images);
    if (images.isEmpty()) {
      throw new IllegalArgumentException("images must not be empty");
    }
  }

  @Override
  public String subject() {
    return saveId;
  }
}
