package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.List;
import java.util.Objects;

/**
 * A build finished one Dockerfile instruction (Docker's {@code ---> 3f57d9401f8d} line); progress
 * of an {@link ImageBuildRequested}, not its outcome.
 *
 * @param buildId the build id
 * @param step the step number, from 1
 * @param image the image after this step (an intermediate image, or the build's result after its
 *     last step), whole, so consumers learn it as they learn imported images
 * @param diffId the diff id of the layer this step added, or null if it only changed the config
 * @param cached whether the step was served from the build cache
 * @param output the step's output lines (of a {@code RUN}), possibly only the last ones
 * @param outputDigest the digest of the step's whole output in the content store when {@code
 *     output} holds only its tail, or null
 */
public record ImageBuildStepFinished(
    String buildId,
    int step,
    ImageDescriptor image,
    String diffId,
    boolean cached,
    List<String> output,
    String outputDigest)
    implements Event {
  public ImageBuildStepFinished {
    Checks.requireText(buildId, "buildId");
    if (step < 1) {
      throw new IllegalArgumentException("step must be at least 1, was " + step);
    }
    Objects.requireNonNull(image, "image");
    Checks.optionalDigest(diffId, "diffId");
    output = output == null ? List.of() : List.copyOf(output);
    Checks.optionalDigest(outputDigest, "outputDigest");
  }

  @Override
  public String subject() {
    return buildId;
  }
}
