package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.List;

/**
 * Unused images were removed (Docker's {@code prune}); the outcome of {@link ImagePruneRequested}.
 * Each removal is announced on its own too, as {@link ImageUntagged} and {@link ImageRemoved}.
 *
 * @param pruneId the prune's id
 * @param untagged the references removed
 * @param deleted the ids of the images deleted
 * @param spaceReclaimed the bytes of the layers no image uses any more
 */
public record ImagesPruned(
    String pruneId, List<String> untagged, List<String> deleted, long spaceReclaimed)
    implements Event {
  public ImagesPruned {
    Checks.requireText(pruneId, "pruneId");
    untagged = untagged == null ? List.of() : List.copyOf(untagged);
    deleted = deleted == null ? List.of() : List.copyOf(deleted);
    Checks.requireNotNegative(spaceReclaimed, "spaceReclaimed");
  }

  @Override
  public String subject() {
    return pruneId;
  }
}
