package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A build began one Dockerfile instruction (Docker's {@code Step 2/5 : RUN make} line); progress of
 * an {@link ImageBuildRequested}, not its outcome.
 *
 * @param buildId the build id
 * @param step the step number, from 1
 * @param totalSteps the number of steps of the build
 * @param instruction the instruction as written, like {@code RUN make}
 * @param containerId the id of the container that runs this step ({@code RUN}), or null
 */
public record ImageBuildStepStarted(
    String buildId, int step, int totalSteps, String instruction, String containerId)
    implements Event {
  public ImageBuildStepStarted {
    Checks.requireText(buildId, "buildId");
    if (step < 1 || step > totalSteps) {
      throw new IllegalArgumentException("step must be in 1.." + totalSteps + ", was " + step);
    }
    Checks.requireText(instruction, "instruction");
    Checks.optionalText(containerId, "containerId");
  }

  @Override
  public String subject() {
    return buildId;
  }
}
