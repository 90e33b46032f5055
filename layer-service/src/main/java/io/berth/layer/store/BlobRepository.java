package io.berth.layer.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/** The blob index. */
@JdbcRepository(dialect = Dialect.H2)
public interface BlobRepository extends CrudRepository<BlobRow, String> {

  /** Total bytes stored. */
  @Query("SELECT COALESCE(SUM(size), 0) FROM blob")
  long totalSize();

  /** The blobs holding a layer, the uncompressed one first. */
  @Query(
      "SELECT * FROM blob WHERE diff_id = :diffId"
          + " ORDER BY CASE WHEN digest = diff_id THEN 0 ELSE 1 END, stored_at")
  List<BlobRow> findLayers(String diffId);

  /** Ends the leases of a layer's blobs: an image references the layer now. */
  @Query("UPDATE blob SET lease_until = NULL WHERE diff_id = :diffId")
  void releaseLayer(String diffId);

  /** Extends a blob's lease. */
  @Query("UPDATE blob SET lease_until = :until WHERE digest = :digest")
  void lease(String digest, Instant until);

  /**
   * Blobs no image or writable snapshot needs and whose lease has run out: candidates for the
   * garbage collector.
   */
  @Query(
      "SELECT * FROM blob b WHERE (b.lease_until IS NULL OR b.lease_until < :now)"
          + " AND (b.diff_id IS NULL OR NOT EXISTS"
          + " (SELECT 1 FROM image_layer il WHERE il.diff_id = b.diff_id))"
          + " AND (b.diff_id IS NULL OR NOT EXISTS (SELECT 1 FROM snapshot s"
          + " JOIN active_snapshot a ON LOCATE(s.id, a.snapshot_ids) > 0"
          + " WHERE s.diff_id = b.diff_id))")
  List<BlobRow> findCollectable(Instant now);
}
