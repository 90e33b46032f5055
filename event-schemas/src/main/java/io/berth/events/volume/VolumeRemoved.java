package io.berth.events.volume;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A volume and its data are gone ({@code docker volume rm}, {@code prune}, or {@code rm -v} of the
 * container an anonymous volume belonged to). Docker's {@code destroy} volume event.
 *
 * @param name the volume's name
 * @param driver {@code local}
 */
public record VolumeRemoved(String name, String driver) implements Event {
  public VolumeRemoved {
    Checks.requireText(name, "name");
  }

  @Override
  public String subject() {
    return name;
  }
}
