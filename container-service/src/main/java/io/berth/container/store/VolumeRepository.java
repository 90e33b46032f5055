package io.berth.container.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The volume table. */
@JdbcRepository(dialect = Dialect.H2)
public interface VolumeRepository extends CrudRepository<VolumeRow, String> {}
