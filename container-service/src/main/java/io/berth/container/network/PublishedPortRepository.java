package io.berth.container.network;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The published_port table. */
@JdbcRepository(dialect = Dialect.H2)
public interface PublishedPortRepository extends CrudRepository<PublishedPortRow, String> {

  List<PublishedPortRow> findByContainerIdOrderById(String containerId);

  void deleteByContainerId(String containerId);
}
