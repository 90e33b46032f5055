package io.berth.gateway.docker.json;

import io.berth.events.network.NetworkEndpoint;
import io.berth.events.query.ContainerSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /containers/json}: one entry of the Engine API's {@code ContainerSummary} list, with
 * its {@code Status} worded as moby's {@code State.String()} words it.
 */
public final class ContainerListJson {

  private ContainerListJson() {}

  /** One entry of the list without sizes, its status told now. */
  public static Map<String, Object> entry(ContainerSummary container) {
    return entry(container, false, Instant.now());
  }

  /**
   * One entry of the list.
   *
   * @param container the container
   * @param size whether {@code SizeRw} and {@code SizeRootFs} were asked for ({@code size=1})
   * @param now the time its status is told at
   */
  public static Map<String, Object> entry(ContainerSummary container, boolean size, Instant now) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Id", container.containerId());
    body.put("Names", List.of("/" + container.name()));
    body.put("Image", container.image());
    body.put("ImageID", container.imageId());
    body.put("Command", container.command());
    body.put("Created", container.created().getEpochSecond());
    body.put("Ports", NetworkJson.listPorts(container.ports()));
    if (size) {
      // The container-service does not report sizes yet.
      body.put("SizeRw", 0L);
      body.put("SizeRootFs", 0L);
    }
    body.put("Labels", container.labels());
    body.put("State", container.state());
    body.put("Status", status(container, now));
    body.put("HostConfig", Map.of("NetworkMode", "default"));
    Map<String, Object> networks = new LinkedHashMap<>();
    for (NetworkEndpoint e : container.networks()) {
      networks.put(
          e.networkName(),
          Map.of(
              "NetworkID", e.networkId(),
              "IPAddress", e.ipAddress(),
              "Gateway", e.gateway(),
              "MacAddress", e.macAddress()));
    }
    body.put("NetworkSettings", Map.of("Networks", networks));
    body.put("Mounts", List.of());
    return body;
  }

  /** moby's {@code State.String()}: "Up 3 seconds", "Exited (0) 2 seconds ago", "Created"... */
  public static String status(ContainerSummary container, Instant now) {
    int exitCode = container.exitCode() == null ? 0 : container.exitCode();
    return switch (container.state()) {
      case "running" -> "Up " + since(container.startedAt(), now);
      case "paused" -> "Up " + since(container.startedAt(), now) + " (Paused)";
      case "restarting" ->
          "Restarting (" + exitCode + ") " + since(container.finishedAt(), now) + " ago";
      case "removing" -> "Removal In Progress";
      case "dead" -> "Dead";
      case "created" -> "Created";
      default -> {
        if (container.startedAt() == null && container.finishedAt() == null) {
          yield "Created";
        }
        if (container.finishedAt() == null) {
          yield "";
        }
        yield "Exited (" + exitCode + ") " + since(container.finishedAt(), now) + " ago";
      }
    };
  }

  private static String since(Instant then, Instant now) {
    Duration elapsed = then == null ? Duration.ZERO : Duration.between(then, now);
    return HumanDuration.of(elapsed.isNegative() ? Duration.ZERO : elapsed);
  }
}
