package io.berth.events.query;

import io.berth.events.Query;
import java.util.Objects;

/**
 * Asks the container-service for one container in full ({@code docker inspect}); unknown references
 * end in a {@code NOT_FOUND} {@link io.berth.events.QueryFailed} worded as Docker does ("No such
 * container: x").
 *
 * @param requestId the correlation id, also the record key
 * @param reference a full id, a unique id prefix or a name
 */
public record ContainerInspectRequested(String requestId, String reference) implements Query {
  public ContainerInspectRequested {
    Objects.requireNonNull(reference, "reference");
  }

  @Override
  public String subject() {
    return requestId;
  }
}
