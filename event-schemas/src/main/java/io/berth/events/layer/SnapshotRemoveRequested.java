package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to delete a writable snapshot and its changes (containerd's snapshotter {@code Remove}).
 *
 * @param key the snapshot's name
 */
public record SnapshotRemoveRequested(String key) implements Command {
  public SnapshotRemoveRequested {
    Checks.requireText(key, "key");
  }

  @Override
  public String subject() {
    return key;
  }
}
