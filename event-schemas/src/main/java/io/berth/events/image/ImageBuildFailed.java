package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A build stopped with an error (Docker's build {@code errorDetail}); the last progress event of a
 * failed {@link ImageBuildRequested}, followed by its outcome, a {@code CommandFailed}.
 *
 * @param buildId the build id
 * @param step the step that failed, or null if the build failed before its first step
 * @param exitCode the exit code of a failed {@code RUN}, or null
 * @param message what went wrong, as Docker words it
 */
public record ImageBuildFailed(String buildId, Integer step, Integer exitCode, String message)
    implements Event {
  public ImageBuildFailed {
    Checks.requireText(buildId, "buildId");
    if (step != null && step < 1) {
      throw new IllegalArgumentException("step must be at least 1, was " + step);
    }
    Checks.requireText(message, "message");
  }

  @Override
  public String subject() {
    return buildId;
  }
}
