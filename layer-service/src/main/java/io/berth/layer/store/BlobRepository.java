package io.berth.layer.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The blob index. */
@JdbcRepository(dialect = Dialect.H2)
public interface BlobRepository extends CrudRepository<BlobRow, String> {

  /** Total bytes stored. */
  @Query("SELECT COALESCE(SUM(size), 0) FROM blob")
  long totalSize();
}
