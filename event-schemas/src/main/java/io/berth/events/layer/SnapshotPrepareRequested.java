package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.util.List;

/**
 * Asks the layer-service for a writable snapshot on top of a layer chain, unpacking the layers it
 * has not unpacked yet (containerd's snapshotter {@code Prepare}).
 *
 * @param key the name of the new snapshot, like a container id
 * @param parentChainId the chain id of the top layer (OCI image spec), or null for an empty root
 * @param diffIds the chain's layers' diff ids, bottom first; empty exactly when there is no parent
 */
public record SnapshotPrepareRequested(String key, String parentChainId, List<String> diffIds)
    implements Command {
  public SnapshotPrepareRequested {
    Checks.requireText(key, "key");
    Checks.optionalDigest(parentChainId, "parentChainId");
    diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
    diffIds.forEach(diffId -> Checks.requireDigest(diffId, "diffIds"));
    if (diffIds.isEmpty() != (parentChainId == null)) {
      throw new IllegalArgumentException("parentChainId and diffIds must be given together");
    }
  }

  @Override
  public String subject() {
    return key;
  }
}
