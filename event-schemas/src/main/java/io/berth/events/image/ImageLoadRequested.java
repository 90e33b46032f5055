package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to load the images of a {@code docker save} archive ({@code docker load}); the gateway
 * stored the archive in the content store beforehand.
 *
 * @param archiveDigest the {@code sha256:} digest of the archive in the content store
 */
public record ImageLoadRequested(String archiveDigest) implements Command {
  public ImageLoadRequested {
    Checks.requireDigest(archiveDigest, "archiveDigest");
  }

  @Override
  public String subject() {
    return archiveDigest;
  }
}
