package io.berth.layer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A writable snapshot: upper and work directories on top of committed snapshots.
 *
 * @param snapshotKey its name, like a container id
 * @param parentChainId the chain id it sits on, or null for an empty root
 * @param chainIds the committed snapshots its lower directories are, one per line (they must not be
 *     collected while it exists)
 * @param lowerDirs the lower directories, top first, one per line
 * @param dir its directory's name under the active directory
 * @param createdAt when it was prepared
 */
@MappedEntity("active_snapshot")
public record ActiveSnapshotRow(
    @Id String snapshotKey,
    @Nullable String parentChainId,
    String snapshotIds,
    String lowerDirs,
    String dir,
    Instant createdAt) {}
