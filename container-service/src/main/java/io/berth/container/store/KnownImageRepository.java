package io.berth.container.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/** The images this node knows. */
@JdbcRepository(dialect = Dialect.H2)
public interface KnownImageRepository extends CrudRepository<KnownImageRow, String> {

  List<KnownImageRow> findByIdLike(String pattern);

  List<KnownImageRow> findByRepoTagsContains(String text);

  /** How many tombstones say the image was deleted after a time. */
  @Query("SELECT COUNT(*) FROM known_image_gone WHERE id = :id AND gone_at > :at")
  long countGoneAfter(String id, Instant at);

  /** Forgets an image's tombstone. */
  @Query("DELETE FROM known_image_gone WHERE id = :id")
  void clearGone(String id);

  /** Leaves a tombstone for a deleted image. */
  @Query("INSERT INTO known_image_gone (id, gone_at) VALUES (:id, :at)")
  void insertGone(String id, Instant at);
}
