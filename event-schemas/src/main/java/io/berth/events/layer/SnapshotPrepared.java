package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.util.List;

/**
 * A writable snapshot is ready to mount as an overlay file system; the outcome of {@link
 * SnapshotPrepareRequested}.
 *
 * @param key the snapshot's name
 * @param parentChainId the chain id it sits on, or null for an empty root
 * @param lowerDirs the unpacked layers' directories, top first, as overlayfs's {@code lowerdir}
 *     option lists them
 * @param upperDir the writable directory that receives the changes
 * @param workDir overlayfs's work directory, on the same file system as {@code upperDir}
 */
public record SnapshotPrepared(
    String key, String parentChainId, List<String> lowerDirs, String upperDir, String workDir)
    implements Event {
  public SnapshotPrepared {
    Checks.requireText(key, "key");
    Checks.optionalDigest(parentChainId, "parentChainId");
    lowerDirs = lowerDirs == null ? List.of() : List.copyOf(lowerDirs);
    Checks.requireText(upperDir, "upperDir");
    Checks.requireText(workDir, "workDir");
  }

  @Override
  public String subject() {
    return key;
  }
}
