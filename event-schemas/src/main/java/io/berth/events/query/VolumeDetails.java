package io.berth.events.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One volume as the container-service knows it: what {@code docker volume inspect} shows.
 *
 * @param name its name; 64 hex digits for an anonymous volume
 * @param driver always {@code local}
 * @param mountpoint the host directory holding its data
 * @param createdAt when it was created
 * @param labels its labels
 * @param options its driver options
 * @param anonymous whether it was made for one container ({@code -v /data}, an image's {@code
 *     VOLUME})
 * @param containers the ids of the containers that mount it, running or not
 */
public record VolumeDetails(
    String name,
    String driver,
    String mountpoint,
    Instant createdAt,
    Map<String, String> labels,
    Map<String, String> options,
    boolean anonymous,
    List<String> containers) {

  public VolumeDetails {
    Objects.requireNonNull(name, "name");
    driver = driver == null ? "local" : driver;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
    containers = containers == null ? List.of() : List.copyOf(containers);
  }
}
