package io.berth.gateway.docker.json;

import io.berth.events.query.VolumeDetails;
import io.berth.events.volume.VolumeCreated;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Volumes as the Engine API shapes them ({@code Volume} in {@code GET /volumes}, {@code GET
 * /volumes/{name}} and {@code POST /volumes/create}): {@code CreatedAt} in RFC 3339 to the second,
 * as moby's local driver formats it, {@code Scope} always {@code local}.
 */
public final class VolumeJson {

  private VolumeJson() {}

  /** One volume. */
  public static Map<String, Object> of(VolumeDetails volume) {
    return body(
        volume.name(),
        volume.driver(),
        volume.mountpoint(),
        volume.createdAt(),
        volume.labels(),
        volume.options());
  }

  /** A volume just created. */
  public static Map<String, Object> of(VolumeCreated volume) {
    return body(
        volume.name(),
        volume.driver(),
        volume.mountpoint(),
        volume.createdAt(),
        volume.labels(),
        Map.of());
  }

  /** The body of {@code GET /volumes}. */
  public static Map<String, Object> list(List<VolumeDetails> volumes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Volumes", volumes.stream().map(VolumeJson::of).toList());
    body.put("Warnings", null);
    return body;
  }

  /** The body of {@code POST /volumes/prune}. */
  public static Map<String, Object> pruneReport(List<String> deleted, long spaceReclaimed) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("VolumesDeleted", deleted.isEmpty() ? null : deleted);
    body.put("SpaceReclaimed", spaceReclaimed);
    return body;
  }

  private static Map<String, Object> body(
      String name,
      String driver,
      String mountpoint,
      Instant createdAt,
      Map<String, String> labels,
      Map<String, String> options) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "CreatedAt",
        GoTime.rfc3339Nano(createdAt.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
    body.put("Driver", driver);
    body.put("Labels", labels.isEmpty() ? null : labels);
    body.put("Mountpoint", mountpoint);
    body.put("Name", name);
    body.put("Options", options.isEmpty() ? null : options);
    body.put("Scope", "local");
    return body;
  }
}
