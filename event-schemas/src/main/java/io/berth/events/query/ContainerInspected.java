package io.berth.events.query;

import io.berth.events.Reply;
import java.util.Objects;

/**
 * The answer to {@link ContainerInspectRequested}.
 *
 * @param requestId the request's id
 * @param container the container
 */
public record ContainerInspected(String requestId, ContainerDetails container) implements Reply {
  public ContainerInspected {
    Objects.requireNonNull(container, "container");
  }

  @Override
  public String subject() {
    return requestId;
  }
}
