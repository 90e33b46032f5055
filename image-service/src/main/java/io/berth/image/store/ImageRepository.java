package io.berth.image.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The image table. */
@JdbcRepository(dialect = Dialect.H2)
public interface ImageRepository extends CrudRepository<ImageRow, String> {}
