package io.berth.container.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A container that runs one {@code RUN} step of a build.
 *
 * @param containerId the step's container
 * @param buildId the build
 * @param step the step number
 * @param cause the build-step command's envelope as JSON (its outcome and output are caused by it)
 */
@MappedEntity("build_step")
public record BuildStepRow(@Id String containerId, String buildId, int step, String cause) {}
