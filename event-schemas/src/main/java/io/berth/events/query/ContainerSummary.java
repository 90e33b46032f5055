package io.berth.events.query;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of {@code docker ps}.
 *
 * @param containerId the full id
 * @param name the name, without a leading slash
 * @param image the reference it was created from
 * @param imageId the image id
 * @param command the command line, entrypoint and cmd joined
 * @param created when it was created
 * @param state {@code created}, {@code running}, {@code paused}, {@code exited}, ...
 * @param labels its labels
 * @param exitCode the exit code of its last run, or null before any
 * @param startedAt when its last run started, or null
 * @param finishedAt when its last run ended, or null
 */
public record ContainerSummary(
    String containerId,
    String name,
    String image,
    String imageId,
    String command,
    Instant created,
    String state,
    Map<String, String> labels,
    Integer exitCode,
    Instant startedAt,
    Instant finishedAt) {
  public ContainerSummary {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(state, "state");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
