package io.berth.events.volume;

import io.berth.events.Command;
import java.util.Map;

/**
 * Asks to create a volume ({@code docker volume create}); creating one that exists answers with it,
 * as Docker does.
 *
 * @param name the volume's name
 * @param driver the driver; only {@code local} exists
 * @param labels its labels
 * @param options its driver options
 */
public record VolumeCreateRequested(
    String name, String driver, Map<String, String> labels, Map<String, String> options)
    implements Command {
  public VolumeCreateRequested {
    VolumeNames.require(name);
    driver = driver == null || driver.isBlank() ? "local" : driver;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  @Override
  public String subject() {
    return name;
  }
}
