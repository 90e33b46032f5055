package io.berth.events.volume;

import io.berth.events.Event;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A volume exists: made by {@code docker volume create}, or on first use by a container ({@code -v
 * name:/path}, {@code --mount type=volume}, an anonymous {@code -v /path} or an image's {@code
 * VOLUME}). Docker's {@code create} volume event.
 *
 * @param name the volume's name
 * @param driver {@code local}
 * @param mountpoint the host directory holding its data
 * @param labels its labels
 * @param createdAt when it was created
 * @param anonymous whether it was made for one container
 */
public record VolumeCreated(
    String name,
    String driver,
    String mountpoint,
    Map<String, String> labels,
    Instant createdAt,
    boolean anonymous)
    implements Event {
  public VolumeCreated {
    VolumeNames.require(name);
    Objects.requireNonNull(createdAt, "createdAt");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  @Override
  public String subject() {
    return name;
  }
}
