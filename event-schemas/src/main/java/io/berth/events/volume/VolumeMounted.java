package io.berth.events.volume;

import io.berth.events.Checks;
import io.berth.events.Event;
import io.berth.events.container.ContainerIds;

/**
 * A starting container mounted a volume. Docker's {@code mount} volume event.
 *
 * @param name the volume's name
 * @param containerId the container's id
 * @param destination where it is mounted inside the container
 * @param driver {@code local}
 * @param readWrite whether the container may write to it
 * @param propagation the mount's propagation, empty for the default
 */
public record VolumeMounted(
    String name,
    String containerId,
    String destination,
    String driver,
    boolean readWrite,
    String propagation)
    implements Event {
  public VolumeMounted {
    Checks.requireText(name, "name");
    ContainerIds.requireId(containerId);
    Checks.requireText(destination, "destination");
    propagation = propagation == null ? "" : propagation;
  }

  @Override
  public String subject() {
    return name;
  }
}
