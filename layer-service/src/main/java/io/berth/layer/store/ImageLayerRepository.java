package io.berth.layer.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/** The layers images use. */
@JdbcRepository(dialect = Dialect.H2)
public interface ImageLayerRepository extends GenericRepository<ImageLayerRow, ImageLayerRow.Key> {

  /** Records one layer of an image, as of an event's time. */
  @Query(
      "INSERT INTO image_layer (image_id, idx, diff_id, chain_id, recorded_at)"
          + " VALUES (:imageId, :idx, :diffId, :chainId, :at)")
  void insert(String imageId, int idx, String diffId, String chainId, Instant at);

  /** Forgets one layer of an image. */
  @Query("DELETE FROM image_layer WHERE image_id = :imageId AND idx = :idx")
  void deleteLayer(String imageId, int idx);

  /** Records one layer of an image, once: a redelivered event writes the same row again. */
  default void put(String imageId, int idx, String diffId, String chainId, Instant at) {
    deleteLayer(imageId, idx);
    insert(imageId, idx, diffId, chainId, at);
  }

  /** Whether an image's layers were recorded after a time. */
  @Query("SELECT COUNT(*) FROM image_layer WHERE image_id = :imageId AND recorded_at > :at")
  long countRecordedAfter(String imageId, Instant at);

  /** Whether an image was deleted after a time. */
  @Query("SELECT COUNT(*) FROM image_gone WHERE image_id = :imageId AND gone_at > :at")
  long countGoneAfter(String imageId, Instant at);

  /** Forgets an image's tombstone. */
  @Query("DELETE FROM image_gone WHERE image_id = :imageId")
  void clearGone(String imageId);

  /** Leaves a tombstone for a deleted image. */
  @Query("INSERT INTO image_gone (image_id, gone_at) VALUES (:imageId, :at)")
  void insertGone(String imageId, Instant at);

  /** Forgets an image's layers. */
  @Query("DELETE FROM image_layer WHERE image_id = :imageId")
  void forget(String imageId);

  /** How many image layers use a diff id. */
  @Query("SELECT COUNT(*) FROM image_layer WHERE diff_id = :diffId")
  long countUses(String diffId);
}
