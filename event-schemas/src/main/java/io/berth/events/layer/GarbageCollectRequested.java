package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks the layer-service to delete every blob and unpacked snapshot nothing references ({@code
 * docker system prune}, {@code docker image prune}).
 *
 * @param collectionId the id the sender chose for this collection
 */
public record GarbageCollectRequested(String collectionId) implements Command {
  public GarbageCollectRequested {
    Checks.requireText(collectionId, "collectionId");
  }

  @Override
  public String subject() {
    return collectionId;
  }
}
