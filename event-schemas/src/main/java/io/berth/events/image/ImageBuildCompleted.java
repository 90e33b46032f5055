package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.List;
import java.util.Objects;

/**
 * A build produced its image (Docker's {@code Successfully built}); the outcome of {@link
 * ImageBuildRequested}.
 *
 * @param buildId the build id
 * @param image the new image
 * @param tags the references this build tagged it with
 */
public record ImageBuildCompleted(String buildId, ImageDescriptor image, List<String> tags)
    implements Event {
  public ImageBuildCompleted {
    Checks.requireText(buildId, "buildId");
    Objects.requireNonNull(image, "image");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  @Override
  public String subject() {
    return buildId;
  }
}
