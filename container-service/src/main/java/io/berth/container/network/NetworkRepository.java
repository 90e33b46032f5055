package io.berth.container.network;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** The network table. */
@JdbcRepository(dialect = Dialect.H2)
public interface NetworkRepository extends CrudRepository<NetworkRow, String> {

  Optional<NetworkRow> findByName(String name);

  List<NetworkRow> findByIdLike(String pattern);

  List<NetworkRow> listOrderByName();
}
