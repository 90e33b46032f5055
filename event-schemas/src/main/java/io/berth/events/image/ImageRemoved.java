package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.List;

/**
 * References and images were removed (Docker's {@code delete}); the outcome of {@link
 * ImageRemoveRequested}, listed as Docker's {@code DELETE /images/{name}} answers.
 *
 * @param imageId the id of the image the request named
 * @param untagged the references removed
 * @param deleted the ids of the images deleted, the named one first, then pruned parents
 */
public record ImageRemoved(String imageId, List<String> untagged, List<String> deleted)
    implements Event {
  public ImageRemoved {
    Checks.requireDigest(imageId, "imageId");
    untagged = untagged == null ? List.of() : List.copyOf(untagged);
    deleted = deleted == null ? List.of() : List.copyOf(deleted);
  }

  @Override
  public String subject() {
    return imageId;
  }
}
