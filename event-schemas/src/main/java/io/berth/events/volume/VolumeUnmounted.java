package io.berth.events.volume;

import io.berth.events.Checks;
import io.berth.events.Event;
import io.berth.events.container.ContainerIds;

/**
 * A container that mounted a volume stopped. Docker's {@code unmount} volume event.
 *
 * @param name the volume's name
 * @param containerId the container's id
 * @param driver {@code local}
 */
public record VolumeUnmounted(String name, String containerId, String driver) implements Event {
  public VolumeUnmounted {
    Checks.requireText(name, "name");
    ContainerIds.requireId(containerId);
  }

  @Override
  public String subject() {
    return name;
  }
}
