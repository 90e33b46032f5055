package io.berth.events.query;

import io.berth.events.Reply;

/**
 * The answer to {@link ContainerResolveRequested}.
 *
 * @param requestId the correlation id
 * @param containerId the full id
 * @param name the container's name
 * @param state its state, as Docker names it ({@code created}, {@code running}, ...)
 */
public record ContainerResolved(String requestId, String containerId, String name, String state)
    implements Reply {
  @Override
  public String subject() {
    return requestId;
  }
}
