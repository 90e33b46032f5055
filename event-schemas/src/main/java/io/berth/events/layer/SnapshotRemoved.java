package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * A writable snapshot is gone; the outcome of {@link SnapshotRemoveRequested}.
 *
 * @param key the snapshot's name
 */
public record SnapshotRemoved(String key) implements Event {
  public SnapshotRemoved {
    Checks.requireText(key, "key");
  }

  @Override
  public String subject() {
    return key;
  }
}
