package io.berth.container.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** The container table. */
@JdbcRepository(dialect = Dialect.H2)
public interface ContainerRepository extends CrudRepository<ContainerRow, String> {

  Optional<ContainerRow> findByName(String name);

  List<ContainerRow> findByIdLike(String pattern);

  /** Containers per state, in one query (for {@code /info}). */
  @Query("SELECT state, COUNT(*) AS n FROM container GROUP BY state")
  List<StateCount> countPerState();

  List<ContainerRow> listOrderByCreatedAtDesc();

  List<ContainerRow> findByStateInListOrderByCreatedAtDesc(List<ContainerState> states);
}
