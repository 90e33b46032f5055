package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Event;

/**
 * Unreferenced blobs and snapshots were deleted; the outcome of {@link GarbageCollectRequested}.
 *
 * @param collectionId the collection id
 * @param blobsRemoved the number of blobs deleted
 * @param snapshotsRemoved the number of unpacked snapshots deleted
 * @param bytesReclaimed the bytes freed
 */
public record GarbageCollected(
    String collectionId, long blobsRemoved, long snapshotsRemoved, long bytesReclaimed)
    implements Event {
  public GarbageCollected {
    Checks.requireText(collectionId, "collectionId");
    Checks.requireNotNegative(blobsRemoved, "blobsRemoved");
    Checks.requireNotNegative(snapshotsRemoved, "snapshotsRemoved");
    Checks.requireNotNegative(bytesReclaimed, "bytesReclaimed");
  }

  @Override
  public String subject() {
    return collectionId;
  }
}
