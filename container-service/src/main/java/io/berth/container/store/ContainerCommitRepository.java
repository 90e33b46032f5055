package io.berth.container.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The container_commit table. */
@JdbcRepository(dialect = Dialect.H2)
public interface ContainerCommitRepository extends CrudRepository<ContainerCommitRow, String> {}
