package io.berth.layer.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Writable snapshots. */
@JdbcRepository(dialect = Dialect.H2)
public interface ActiveSnapshotRepository extends CrudRepository<ActiveSnapshotRow, String> {}
