package io.berth.container.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The images this node knows. */
@JdbcRepository(dialect = Dialect.H2)
public interface KnownImageRepository extends CrudRepository<KnownImageRow, String> {

  List<KnownImageRow> findByIdLike(String pattern);

  List<KnownImageRow> findByRepoTagsContains(String text);
}
