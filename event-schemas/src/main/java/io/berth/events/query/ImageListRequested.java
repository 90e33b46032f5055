package io.berth.events.query;

import io.berth.events.Query;

/**
 * Asks the image-service for all its images ({@code docker images}, {@code docker system df}); the
 * gateway applies Docker's filters to the answer.
 *
 * @param requestId the correlation id, also the record key
 */
public record ImageListRequested(String requestId) implements Query {
  @Override
  public String subject() {
    return requestId;
  }
}
