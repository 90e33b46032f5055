package io.berth.container.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The build_step table. */
@JdbcRepository(dialect = Dialect.H2)
public interface BuildStepRepository extends CrudRepository<BuildStepRow, String> {

  /** The step containers of one build. */
  List<BuildStepRow> findByBuildId(String buildId);
}
