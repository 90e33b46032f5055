package io.berth.messaging.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The outbox table. */
@JdbcRepository(dialect = Dialect.H2)
public interface OutboxRepository extends CrudRepository<OutboxRow, Long> {

  /** The oldest rows, in insertion order. */
  @Query("SELECT * FROM outbox ORDER BY seq LIMIT :limit")
  List<OutboxRow> findOldest(int limit);

  /** Removes published rows. */
  void deleteBySeqIn(List<Long> seqs);
}
