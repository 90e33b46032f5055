package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to add a reference to an image ({@code docker tag}).
 *
 * @param source the image's reference or id, as the user wrote it
 * @param repo the repository of the new reference
 * @param tag the tag of the new reference, or null for {@code latest}
 */
public record ImageTagRequested(String source, String repo, String tag) implements Command {
  public ImageTagRequested {
    Checks.requireText(source, "source");
    Checks.requireText(repo, "repo");
    tag = tag == null ? "latest" : Checks.requireText(tag, "tag");
  }

  @Override
  public String subject() {
    return source;
  }
}
