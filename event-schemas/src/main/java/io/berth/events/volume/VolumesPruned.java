package io.berth.events.volume;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.List;

/**
 * Unused volumes were removed; the outcome of {@link VolumePruneRequested}. Each removal is
 * announced on its own too, as {@link VolumeRemoved}.
 *
 * @param pruneId the prune's id
 * @param deleted the names of the volumes removed
 * @param spaceReclaimed the bytes their data took
 */
public record VolumesPruned(String pruneId, List<String> deleted, long spaceReclaimed)
    implements Event {
  public VolumesPruned {
    Checks.requireText(pruneId, "pruneId");
    deleted = deleted == null ? List.of() : List.copyOf(deleted);
    Checks.requireNotNegative(spaceReclaimed, "spaceReclaimed");
  }

  @Override
  public String subject() {
    return pruneId;
  }
}
