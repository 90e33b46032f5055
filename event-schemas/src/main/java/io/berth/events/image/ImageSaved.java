package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.List;

/**
 * Images were written into an archive in the content store (Docker's {@code save}); the outcome of
 * {@link ImageSaveRequested}. The gateway streams the archive from the content store.
 *
 * @param saveId the save id
 * @param imageIds the ids of the saved images
 * @param archiveDigest the {@code sha256:} digest of the archive
 * @param size the archive's size in bytes
 */
public record ImageSaved(String saveId, List<String> imageIds, String archiveDigest, long size)
    implements Event {
  public ImageSaved {
    Checks.requireText(saveId, "saveId");
    imageIds = imageIds == null ? List.of() : List.copyOf(imageIds);
    Checks.requireDigest(archiveDigest, "archiveDigest");
    Checks.requireNotNegative(size, "size");
  }

  @Override
  public String subject() {
    return saveId;
  }
}
