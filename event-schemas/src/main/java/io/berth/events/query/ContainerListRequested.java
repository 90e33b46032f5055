package io.berth.events.query;

import io.berth.events.Query;

/**
 * Asks the container-service for its containers ({@code docker ps}).
 *
 * @param requestId the correlation id, also the record key
 * @param all include containers that are not running ({@code -a})
 */
public record ContainerListRequested(String requestId, boolean all) implements Query {
  @Override
  public String subject() {
    return requestId;
  }
}
