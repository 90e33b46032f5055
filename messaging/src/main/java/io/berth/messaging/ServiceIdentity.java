package io.berth.messaging;

import java.net.URI;
import java.util.Objects;

/**
 * Who this process is on the bus: its service name (also the consumer-group prefix) and the
 * CloudEvents {@code source} it stamps on what it publishes.
 *
 * @param name the service name, for example {@code container-service}
 * @param nodeId the node this instance runs on (one container-service per host)
 */
public record ServiceIdentity(String name, String nodeId) {
  public ServiceIdentity {
    Objects.requireNonNull(name, "name");
    nodeId = nodeId == null || nodeId.isBlank() ? "local" : nodeId;
  }

  /** The CloudEvents source, {@code /berth/<node>/<service>}. */
  public URI source() {
    return URI.create("/berth/" + nodeId + "/" + name);
  }

  /** The consumer group for one of this service's subscriptions. */
  public String group(String subscription) {
    return name + "." + subscription;
  }
}
