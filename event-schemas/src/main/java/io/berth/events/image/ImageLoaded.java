package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.List;

/**
 * The images of an archive were loaded (Docker's {@code load}); the outcome of {@link
 * ImageLoadRequested}.
 *
 * @param archiveDigest the digest of the archive
 * @param images every image the archive held, with all the tags it has now
 * @param references the references the archive named, in its order (what {@code docker load}
 *     prints); each now points at one of the images
 */
public record ImageLoaded(
    String archiveDigest, List<ImageDescriptor> images, List<String> references) implements Event {
  public ImageLoaded {
    Checks.requireDigest(archiveDigest, "archiveDigest");
    images = images == null ? List.of() : List.copyOf(images);
    references = references == null ? List.of() : List.copyOf(references);
  }

  @Override
  public String subject() {
    return archiveDigest;
  }
}
