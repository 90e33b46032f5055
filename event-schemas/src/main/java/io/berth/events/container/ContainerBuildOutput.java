package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.Objects;

/**
 * Output a build step's container wrote (what {@code docker build} shows under {@code Step N/M :
 * RUN ...}), published as it happens in chunks of whole lines where possible; progress of a {@link
 * ContainerBuildStepRequested}, not its outcome.
 *
 * @param containerId the step's container
 * @param buildId the build
 * @param step the step number
 * @param stream {@code stdout} or {@code stderr}
 * @param text the bytes written, as UTF-8 text
 */
public record ContainerBuildOutput(
    String containerId, String buildId, int step, String stream, String text) implements Event {
  public ContainerBuildOutput {
    ContainerIds.requireId(containerId);
    Checks.requireText(buildId, "buildId");
    if (!"stdout".equals(stream) && !"stderr".equals(stream)) {
      throw new IllegalArgumentException("stream must be stdout or stderr, was " + stream);
    }
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
