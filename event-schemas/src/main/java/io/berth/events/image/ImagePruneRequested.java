package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.time.Instant;
import java.util.List;

/**
 * Asks to remove unused images ({@code docker image prune}): dangling ones, or with {@code all}
 * every image no container uses.
 *
 * @param pruneId the id the sender chose for this prune
 * @param all remove every unused image, not only dangling ones ({@code -a})
 * @param labels only images with these labels, {@code key} or {@code key=value}
 * @param notLabels only images without these labels, {@code key} or {@code key=value}
 * @param until only images created before this time, or null
 */
public record ImagePruneRequested(
    String pruneId, boolean all, List<String> labels, List<String> notLabels, Instant until)
    implements Command {
  public ImagePruneRequested {
    Checks.requireText(pruneId, "pruneId");
    labels = labels == null ? List.of() : List.copyOf(labels);
    notLabels = notLabels == null ? List.of() : List.copyOf(notLabels);
  }

  @Override
  public String subject() {
    return pruneId;
  }
}
