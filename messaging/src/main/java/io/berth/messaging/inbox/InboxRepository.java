package io.berth.messaging.inbox;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;

/** The inbox table. */
@JdbcRepository(dialect = Dialect.H2)
public interface InboxRepository extends CrudRepository<InboxEntry, String> {

  /** Forgets entries handled before {@code before} (older than the commands' retention). */
  void deleteByHandledAtLessThan(Instant before);
}
