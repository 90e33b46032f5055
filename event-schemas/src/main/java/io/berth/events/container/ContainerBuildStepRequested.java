package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Command;
import io.berth.events.image.ImageDescriptor;
import java.util.Objects;

/**
 * Asks the container-service to run one {@code RUN} step of a build (Docker's intermediate
 * container): create a container on {@code image}, start it at once, publish its output as {@link
 * ContainerBuildOutput} and, when it ends, {@link ContainerBuildStepExited}. The container is kept
 * (stopped) so the image-service can have its changes turned into a layer, then removes it. The
 * command carries the image whole because a build's intermediate images are new to this node.
 *
 * @param containerId the 64-hex id the image-service chose for the step's container
 * @param buildId the build the step belongs to
 * @param step the step number, from 1
 * @param image the image the step runs on (the build's state before this step)
 * @param config the command (the shell form already wrapped in the build's {@code SHELL}), the
 *     environment with the build args the step sees, the user and the working directory
 * @param networkMode the step's network mode, or null for the default
 */
public record ContainerBuildStepRequested(
    String containerId,
    String buildId,
    int step,
    ImageDescriptor image,
    ContainerConfig config,
    String networkMode)
    implements Command {
  public ContainerBuildStepRequested {
    ContainerIds.requireId(containerId);
    Checks.requireText(buildId, "buildId");
    if (step < 1) {
      throw new IllegalArgumentException("step must be at least 1, was " + step);
    }
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(config, "config");
    if (config.cmd().isEmpty()) {
      throw new IllegalArgumentException("a build step needs a command");
    }
    Checks.optionalText(networkMode, "networkMode");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
