package io.berth.events.query;

import io.berth.events.container.PortBinding;
import io.berth.events.network.NetworkEndpoint;
import java.time.Instant;
import java.util.List;
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
 * @param networks its endpoints, one per network it is connected to
 * @param ports its published ports with the host ports in use while it runs
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
    Instant finishedAt,
    List<NetworkEndpoint> networks,
    List<PortBinding> ports) {
  public ContainerSummary {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(state, "state");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    networks = networks == null ? List.of() : List.copyOf(networks);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** A container on no network, with no published port. */
  public ContainerSummary(
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
    this(
        containerId,
        name,
        image,
        imageId,
        command,
        created,
        state,
        labels,
        exitCode,
        startedAt,
        finishedAt,
        List.of(),
        List.of());
  }
}
