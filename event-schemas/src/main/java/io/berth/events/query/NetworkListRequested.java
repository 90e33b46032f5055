package io.berth.events.query;

import io.berth.events.Query;

/**
 * Asks the container-service for its networks ({@code docker network ls} and {@code inspect}).
 *
 * @param requestId the correlation id, also the record key
 */
public record NetworkListRequested(String requestId) implements Query {
  @Override
  public String subject() {
    return requestId;
  }
}
