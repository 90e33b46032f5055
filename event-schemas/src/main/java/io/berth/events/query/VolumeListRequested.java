package io.berth.events.query;

import io.berth.events.Query;

/**
 * Asks the container-service for its volumes ({@code docker volume ls}, {@code docker volume
 * inspect}).
 *
 * @param requestId the correlation id, also the record key
 */
public record VolumeListRequested(String requestId) implements Query {
  @Override
  public String subject() {
    return requestId;
  }
}
