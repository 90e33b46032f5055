package io.berth.events.query;

import io.berth.events.Query;

/**
 * Asks the container-service how many containers it holds, by state (for {@code /info}).
 *
 * @param requestId the correlation id, also the record key
 */
public record ContainerCountsRequested(String requestId) implements Query {
  @Override
  public String subject() {
    return requestId;
  }
}
