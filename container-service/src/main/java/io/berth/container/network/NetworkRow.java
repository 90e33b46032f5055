package io.berth.container.network;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A network record.
 *
 * @param id the full id
 * @param name its unique name
 * @param driver {@code bridge}, {@code host} or {@code null}
 * @param subnet its IPv4 subnet, empty for host and none
 * @param bridge its bridge interface, empty for host and none
 * @param internal whether outbound traffic is refused
 * @param labels its labels as JSON
 * @param createdAt when it was created
 */
@MappedEntity("network")
public record NetworkRow(
    @Id String id,
    String name,
    String driver,
    String subnet,
    String bridge,
    boolean internal,
    String labels,
    Instant createdAt) {

  /** Whether containers on it get a veth on a bridge. */
  public boolean bridged() {
    return driver.equals("bridge");
  }
}
