package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.List;

/**
 * The images of an archive were loaded (Docker's {@code load}); the outcome of {@link
 * ImageLoadRequested}.
 *
 * @param archiveDigest the digest of the archive
 * @param images every image the archive held, with the tags it gave them
 */
public record ImageLoaded(String archiveDigest, List<ImageDescriptor> images) implements Event {
  public ImageLoaded {
    Checks.requireDigest(archiveDigest, "archiveDigest");
    images = images == null ? List.of() : List.copyOf(images);
  }

  @Override
  public String subject() {
    return archiveDigest;
  }
}
