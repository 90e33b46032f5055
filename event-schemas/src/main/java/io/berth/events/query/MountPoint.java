package io.berth.events.query;

import java.util.Objects;

/**
 * One of a container's mounts, resolved at create: an entry of {@code docker inspect}'s {@code
 * Mounts}.
 *
 * @param type {@code bind}, {@code volume} or {@code tmpfs}
 * @param name the volume's name, or null for a bind or a tmpfs
 * @param source the host path mounted (a volume's {@code _data} directory), empty for a tmpfs
 * @param destination the absolute path inside the container
 * @param driver {@code local} for a volume, else null
 * @param mode the options as given ({@code ro}, {@code z}, ...), or empty
 * @param rw whether the container may write to it
 * @param propagation {@code rprivate} for a bind, else empty
 * @param anonymous whether the volume was made for this container alone ({@code -v /data}, an
 *     image's {@code VOLUME}) and goes with it on {@code rm -v} and {@code --rm}
 * @param options for a tmpfs: its mount options (Docker's {@code --tmpfs} syntax), else empty
 */
public record MountPoint(
    String type,
    String name,
    String source,
    String destination,
    String driver,
    String mode,
    boolean rw,
    String propagation,
    boolean anonymous,
    String options) {

  public MountPoint {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(destination, "destination");
    source = source == null ? "" : source;
    mode = mode == null ? "" : mode;
    propagation = propagation == null ? "" : propagation;
    options = options == null ? "" : options;
  }

  /** Whether it is a volume, named or anonymous. */
  public boolean isVolume() {
    return type.equals("volume");
  }
}
