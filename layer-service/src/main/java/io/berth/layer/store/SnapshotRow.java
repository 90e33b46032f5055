package io.berth.layer.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A committed snapshot: a read-only directory used as an overlay lower layer.
 *
 * @param id the chain id for an unpacked layer, {@code flat:<hex of the chain id>} for a flattened
 *     chain
 * @param chainId the chain id it stands for (OCI image spec)
 * @param kind {@code layer} for one unpacked layer, {@code flat} for a whole chain merged into one
 *     directory
 * @param diffId the diff id of its (top) layer
 * @param dir its directory's name under the snapshots directory
 * @param size bytes written when it was made
 * @param createdAt when it was made
 */
@MappedEntity("snapshot")
public record SnapshotRow(
    @Id String id,
    String chainId,
    String kind,
    String diffId,
    String dir,
    long size,
    Instant createdAt) {

  /** The kind of one unpacked layer. */
  public static final String LAYER = "layer";

  /** The kind of a flattened chain. */
  public static final String FLAT = "flat";

  /** The id of the flattened snapshot of a chain. */
  public static String flatId(String chainId) {
    return "flat:" + chainId.substring("sha256:".length());
  }
}
