package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to fetch an image from a registry ({@code docker pull}). Registry credentials never travel
 * in events.
 *
 * @param reference what to pull, like {@code busybox:1.36} or {@code busybox@sha256:...}
 * @param platform the platform to pull, like {@code linux/amd64}, or null for the host's
 */
public record ImagePullRequested(String reference, String platform) implements Command {
  public ImagePullRequested {
    Checks.requireText(reference, "reference");
    Checks.optionalText(platform, "platform");
  }

  @Override
  public String subject() {
    return reference;
  }
}
