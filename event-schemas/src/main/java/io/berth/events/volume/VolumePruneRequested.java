package io.berth.events.volume;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.util.List;

/**
 * Asks to remove the volumes no container uses ({@code docker volume prune}): anonymous ones, or
 * with {@code all} named ones too.
 *
 * @param pruneId the id the sender chose for this prune
 * @param all remove named volumes too ({@code -a})
 * @param labels only volumes with these labels, {@code key} or {@code key=value}
 */
public record VolumePruneRequested(String pruneId, boolean all, List<String> labels)
    implements Command {
  public VolumePruneRequested {
    Checks.requireText(pruneId, "pruneId");
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  @Override
  public String subject() {
    return pruneId;
  }
}
