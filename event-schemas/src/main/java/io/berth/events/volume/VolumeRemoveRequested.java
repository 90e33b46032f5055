package io.berth.events.volume;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to remove a volume ({@code docker volume rm}); refused while a container uses it.
 *
 * @param name the volume's name
 * @param force answer success when it does not exist ({@code -f})
 */
public record VolumeRemoveRequested(String name, boolean force) implements Command {
  public VolumeRemoveRequested {
    Checks.requireText(name, "name");
  }

  @Override
  public String subject() {
    return name;
  }
}
