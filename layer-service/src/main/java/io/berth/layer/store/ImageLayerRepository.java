package io.berth.layer.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** The layers images use. */
@JdbcRepository(dialect = Dialect.H2)
public interface ImageLayerRepository extends GenericRepository<ImageLayerRow, ImageLayerRow.Key> {

  /** Records one layer of an image. */
  @Query(
      "INSERT INTO image_layer (image_id, idx, diff_id, chain_id)"
          + " VALUES (:imageId, :idx, :diffId, :chainId)")
  void insert(String imageId, int idx, String diffId, String chainId);

  /** Forgets one layer of an image. */
  @Query("DELETE FROM image_layer WHERE image_id = :imageId AND idx = :idx")
  void deleteLayer(String imageId, int idx);

  /** Records one layer of an image, once: a redelivered event writes the same row again. */
  default void put(String imageId, int idx, String diffId, String chainId) {
    deleteLayer(imageId, idx);
    insert(imageId, idx, diffId, chainId);
  }

  /** Forgets an image's layers. */
  @Query("DELETE FROM image_layer WHERE image_id = :imageId")
  void forget(String imageId);

  /** How many image layers use a diff id. */
  @Query("SELECT COUNT(*) FROM image_layer WHERE diff_id = :diffId")
  long countUses(String diffId);

  /** How many distinct images are known. */
  @Query("SELECT COUNT(DISTINCT image_id) FROM image_layer")
  long countImages();
}
