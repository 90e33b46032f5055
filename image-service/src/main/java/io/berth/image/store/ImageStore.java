package io.berth.image.store;

import io.berth.events.ErrorCode;
import io.berth.image.ImageException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image-service's tables: images, their layers, their tags and the containers using them. Plain
 * JDBC on the connection of the current transaction; every method needs one.
 */
@Singleton
public class ImageStore {

  private final TransactionOperations<Connection> transactions;

  public ImageStore(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /** Adds an image and its layers unless it is there already; returns whether it was new. */
  public boolean add(StoredImage image) {
    if (exists(image.id())) {
      return false;
    }
    update(
        "INSERT INTO image (id, config, parent_id, created, size, stored_at) VALUES (?,?,?,?,?,?)",
        image.id(),
        image.config(),
        image.parentId(),
        Timestamp.from(image.created()),
        image.size(),
        Timestamp.from(Instant.now()));
    for (int i = 0; i < image.layers().size(); i++) {
      StoredLayer layer = image.layers().get(i);
      update(
          "INSERT INTO image_layer (image_id, idx, diff_id, chain_id, blob_digest, media_type, size)"
              + " VALUES (?,?,?,?,?,?,?)",
          image.id(),
          i,
          layer.diffId(),
          layer.chainId(),
          layer.blobDigest(),
          layer.mediaType(),
          layer.size());
    }
    return true;
  }

  /** Whether an image id is known. */
  public boolean exists(String imageId) {
    return count("SELECT COUNT(*) FROM image WHERE id = ?", imageId) > 0;
  }

  /** An image by id. */
  public Optional<StoredImage> find(String imageId) {
    List<StoredImage> found = query("WHERE i.id = ?", imageId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Every image, newest first. */
  public List<StoredImage> all() {
    return query("");
  }

  /** Ids starting with a prefix like {@code sha256:3f5}. */
  public List<String> idsStartingWith(String prefix) {
    List<String> ids = new ArrayList<>();
    select(
        "SELECT id FROM image WHERE id LIKE ? ORDER BY id",
        rs -> ids.add(rs.getString(1)),
        prefix.replace("%", "").replace("_", "\\_") + "%");
    return ids;
  }

  /** The image a reference points to. */
  public Optional<String> tagged(String reference) {
    List<String> ids = new ArrayList<>();
    select(
        "SELECT image_id FROM image_tag WHERE reference = ?",
        rs -> ids.add(rs.getString(1)),
        reference);
    return ids.stream().findFirst();
  }

  /**
   * Points a reference at an image.
   *
   * @return the image it pointed to before, if another
   */
  public Optional<String> tag(String reference, String imageId) {
    Optional<String> before = tagged(reference);
    Timestamp now = Timestamp.from(Instant.now());
    update("DELETE FROM image_tag WHERE reference = ?", reference);
    update(
        "INSERT INTO image_tag (reference, image_id, tagged_at) VALUES (?,?,?)",
        reference,
        imageId,
        now);
    update("UPDATE image SET last_tag_time = ? WHERE id = ?", now, imageId);
    return before.filter(previous -> !previous.equals(imageId));
  }

  /** Removes a reference; returns whether it existed. */
  public boolean untag(String reference) {
    return update("DELETE FROM image_tag WHERE reference = ?", reference) > 0;
  }

  /** Deletes an image, its layers and its tags. */
  public void delete(String imageId) {
    update("DELETE FROM image_tag WHERE image_id = ?", imageId);
    update("DELETE FROM image_layer WHERE image_id = ?", imageId);
    update("DELETE FROM image WHERE id = ?", imageId);
  }

  /** The images whose parent is this one. */
  public List<String> children(String imageId) {
    List<String> ids = new ArrayList<>();
    select("SELECT id FROM image WHERE parent_id = ?", rs -> ids.add(rs.getString(1)), imageId);
    return ids;
  }

  /** The number of images. */
  public long count() {
    return count("SELECT COUNT(*) FROM image");
  }

  /** Records that a container uses an image. */
  public void use(String containerId, String imageId) {
    update(
        "MERGE INTO image_user (container_id, image_id, running) KEY (container_id) VALUES (?,?,?)",
        containerId,
        imageId,
        false);
  }

  /** Records whether a container runs. */
  public void running(String containerId, boolean running) {
    update("UPDATE image_user SET running = ? WHERE container_id = ?", running, containerId);
  }

  /** Forgets a removed container. */
  public void release(String containerId) {
    update("DELETE FROM image_user WHERE container_id = ?", containerId);
  }

  /** The containers using an image, each with whether it runs. */
  public Map<String, Boolean> users(String imageId) {
    Map<String, Boolean> users = new LinkedHashMap<>();
    select(
        "SELECT container_id, running FROM image_user WHERE image_id = ? ORDER BY container_id",
        rs -> users.put(rs.getString(1), rs.getBoolean(2)),
        imageId);
    return users;
  }

  /** How many containers use each image. */
  public Map<String, Integer> userCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    select(
        "SELECT image_id, COUNT(*) FROM image_user GROUP BY image_id",
        rs -> counts.put(rs.getString(1), rs.getInt(2)));
    return counts;
  }

  private List<StoredImage> query(String where, Object... args) {
    Map<String, List<StoredLayer>> layers = new LinkedHashMap<>();
    select(
        "SELECT l.image_id, l.diff_id, l.chain_id, l.blob_digest, l.media_type, l.size"
            + " FROM image_layer l JOIN image i ON i.id = l.image_id "
            + where
            + " ORDER BY l.image_id, l.idx",
        rs ->
            layers
                .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                .add(
                    new StoredLayer(
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6))),
        args);
    Map<String, List<String>> tags = new LinkedHashMap<>();
    select(
        "SELECT t.image_id, t.reference FROM image_tag t JOIN image i ON i.id = t.image_id "
            + where
            + " ORDER BY t.reference",
        rs -> tags.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2)),
        args);
    List<StoredImage> images = new ArrayList<>();
    select(
        "SELECT i.id, i.config, i.parent_id, i.created, i.size, i.last_tag_time FROM image i "
            + where
            + " ORDER BY i.created DESC, i.id",
        rs -> {
          String id = rs.getString(1);
          Timestamp lastTag = rs.getTimestamp(6);
          images.add(
              new StoredImage(
                  id,
                  rs.getBytes(2),
                  rs.getString(3),
                  rs.getTimestamp(4).toInstant(),
                  rs.getLong(5),
                  lastTag == null ? null : lastTag.toInstant(),
                  layers.getOrDefault(id, List.of()),
                  tags.getOrDefault(id, List.of())));
        },
        args);
    return images;
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private void select(String sql, RowReader reader, Object... args) {
    try (PreparedStatement statement = connection().prepareStatement(sql)) {
      bind(statement, args);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    } catch (SQLException e) {
      throw failed(sql, e);
    }
  }

  private long count(String sql, Object... args) {
    long[] n = {0};
    select(sql, rs -> n[0] = rs.getLong(1), args);
    return n[0];
  }

  private int update(String sql, Object... args) {
    try (PreparedStatement statement = connection().prepareStatement(sql)) {
      bind(statement, args);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failed(sql, e);
    }
  }

  private static void bind(PreparedStatement statement, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      statement.setObject(i + 1, args[i]);
    }
  }

  private Connection connection() {
    return transactions.getConnection();
  }

  private static ImageException failed(String sql, SQLException e) {
    return new ImageException(ErrorCode.INTERNAL, "image store: " + e.getMessage() + " in " + sql);
  }
}
