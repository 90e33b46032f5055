package io.berth.events.network;

import io.berth.events.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A network as {@code docker network inspect} describes it, without its endpoints.
 *
 * @param networkId the full id (64 hex digits)
 * @param name the name ({@code bridge}, {@code host}, {@code none} or a user's)
 * @param driver {@code bridge}, {@code host} or {@code null}
 * @param subnet the IPv4 subnet in CIDR notation, empty without one
 * @param gateway the gateway address (the bridge's own), empty without one
 * @param bridge the host's bridge interface, empty without one
 * @param internal whether outbound traffic is refused
 * @param labels the user's labels
 * @param created when it was created
 */
public record NetworkDescriptor(
    String networkId,
    String name,
    String driver,
    String subnet,
    String gateway,
    String bridge,
    boolean internal,
    Map<String, String> labels,
    Instant created) {

  public NetworkDescriptor {
    Checks.requireText(networkId, "networkId");
    Checks.requireText(name, "name");
    Checks.requireText(driver, "driver");
    subnet = subnet == null ? "" : subnet;
    gateway = gateway == null ? "" : gateway;
    bridge = bridge == null ? "" : bridge;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    Objects.requireNonNull(created, "created");
  }
}
