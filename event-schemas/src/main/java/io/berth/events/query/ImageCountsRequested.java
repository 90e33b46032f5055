package io.berth.events.query;

import io.berth.events.Query;

/**
 * Asks the image-service how many images it holds (for {@code /info}).
 *
 * @param requestId the correlation id, also the record key
 */
public record ImageCountsRequested(String requestId) implements Query {
  @Override
  public String subject() {
    return requestId;
  }
}
