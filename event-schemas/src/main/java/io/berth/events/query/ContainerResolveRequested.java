package io.berth.events.query;

import io.berth.events.Query;
import java.util.Objects;

/**
 * Asks the container-service which container a reference (full id, unique id prefix or name) means,
 * so that commands can be keyed by the full id.
 *
 * @param requestId the correlation id, also the record key
 * @param reference what the user typed
 */
public record ContainerResolveRequested(String requestId, String reference) implements Query {
  public ContainerResolveRequested {
    Objects.requireNonNull(reference, "reference");
  }

  @Override
  public String subject() {
    return requestId;
  }
}
