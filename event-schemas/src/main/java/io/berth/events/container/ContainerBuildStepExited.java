package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A build step's container ended (after all its {@link ContainerBuildOutput}); the outcome of
 * {@link ContainerBuildStepRequested}. The container is still there, stopped, with its changes.
 *
 * @param containerId the step's container
 * @param buildId the build
 * @param step the step number
 * @param exitCode the command's exit code (Docker's: 127 when the command was not found)
 * @param error why the command could not be started, or null when it ran
 */
public record ContainerBuildStepExited(
    String containerId, String buildId, int step, int exitCode, String error) implements Event {
  public ContainerBuildStepExited {
    ContainerIds.requireId(containerId);
    Checks.requireText(buildId, "buildId");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
