package io.berth.layer.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** Counts unpacked snapshots. */
@JdbcRepository(dialect = Dialect.H2)
public interface SnapshotCounter extends GenericRepository<BlobRow, String> {

  @Query("SELECT COUNT(*) FROM snapshot")
  long countSnapshots();
}
