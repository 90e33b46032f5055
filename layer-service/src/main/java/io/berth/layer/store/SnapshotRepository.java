package io.berth.layer.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Committed snapshots. */
@JdbcRepository(dialect = Dialect.H2)
public interface SnapshotRepository extends CrudRepository<SnapshotRow, String> {

  /** A new, short directory name (short names keep overlay's mount options small). */
  @Query("SELECT NEXT VALUE FOR snapshot_dir_seq")
  long nextDir();

  /**
   * Snapshots no image and no writable snapshot uses: candidates for the garbage collector. A
   * flattened chain counts as used while an image has that chain id.
   */
  @Query(
      "SELECT * FROM snapshot s WHERE NOT EXISTS"
          + " (SELECT 1 FROM image_layer il WHERE il.chain_id = s.chain_id)"
          + " AND NOT EXISTS (SELECT 1 FROM active_snapshot a"
          + " WHERE LOCATE(s.id, a.snapshot_ids) > 0)")
  List<SnapshotRow> findCollectable();
}
