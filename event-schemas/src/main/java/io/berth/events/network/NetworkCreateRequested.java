package io.berth.events.network;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.util.Map;

/**
 * Asks for a user-defined bridge network ({@code docker network create}).
 *
 * @param networkId the id the gateway chose (64 hex digits)
 * @param name its name, unique on the node
 * @param driver {@code bridge} (the only driver a user may create)
 * @param subnet the IPv4 subnet asked for in CIDR notation, or null to have one chosen
 * @param internal whether outbound traffic is refused ({@code --internal})
 * @param labels the user's labels
 */
public record NetworkCreateRequested(
    String networkId,
    String name,
    String driver,
    String subnet,
    boolean internal,
    Map<String, String> labels)
    implements Command {
  public NetworkCreateRequested {
    Checks.requireText(networkId, "networkId");
    Checks.requireText(name, "name");
    driver = driver == null || driver.isBlank() ? "bridge" : driver;
    Checks.optionalText(subnet, "subnet");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  @Override
  public String subject() {
    return networkId;
  }
}
