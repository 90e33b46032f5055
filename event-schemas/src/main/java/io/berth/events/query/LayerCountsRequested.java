package io.berth.events.query;

import io.berth.events.Query;

/**
 * Asks the layer-service what its content store holds (for {@code /info} and {@code docker system
 * df}).
 *
 * @param requestId the correlation id, also the record key
 */
public record LayerCountsRequested(String requestId) implements Query {
  @Override
  public String subject() {
    return requestId;
  }
}
