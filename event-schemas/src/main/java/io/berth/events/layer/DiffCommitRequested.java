package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Command;

/**
 * Asks to turn a snapshot's changes into a layer tar in the content store, deletions as OCI
 * whiteouts (for {@code docker commit} and build steps).
 *
 * @param key the name of the snapshot whose upper directory is read
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md#whiteouts">OCI
 *     whiteouts</a>
 */
public record DiffCommitRequested(String key) implements Command {
  public DiffCommitRequested {
    Checks.requireText(key, "key");
  }

  @Override
  public String subject() {
    return key;
  }
}
