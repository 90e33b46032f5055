package io.berth.image.build;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The builds in progress and the step cache (tables {@code build} and {@code build_cache}); every
 * method runs in the caller's transaction.
 */
@Singleton
public class BuildStore {

  /** A build in progress: its id and the build command's envelope as JSON. */
  public record Running(String id, String cause) {}

  private final TransactionOperations<Connection> transactions;

  public BuildStore(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /** Records a build as running; false if it was recorded before. */
  public boolean begin(String buildId, String cause) {
    if (!find("SELECT id FROM build WHERE id = ?", buildId).isEmpty()) {
      return false;
    }
    update(
        "INSERT INTO build (id, cause, started_at) VALUES (?,?,?)",
        buildId,
        cause,
        Timestamp.from(Instant.now()));
    return true;
  }

  /** Forgets a build that ended. */
  public void end(String buildId) {
    update("DELETE FROM build WHERE id = ?", buildId);
  }

  /** Builds recorded as running. */
  public List<Running> running() {
    List<Running> found = new ArrayList<>();
    try (PreparedStatement statement =
            connection().prepareStatement("SELECT id, cause FROM build ORDER BY started_at");
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        found.add(new Running(rs.getString(1), rs.getString(2)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the running builds failed", e);
    }
    return found;
  }

  /** The image a cache key names, if it is still there. */
  public Optional<String> cached(String key) {
    List<String> ids = find("SELECT image_id FROM build_cache WHERE cache_key = ?", key);
    return ids.stream().findFirst();
  }

  /** Records the image a step made under its cache key. */
  public void cache(String key, String imageId) {
    update("DELETE FROM build_cache WHERE cache_key = ?", key);
    update(
        "INSERT INTO build_cache (cache_key, image_id, created_at) VALUES (?,?,?)",
        key,
        imageId,
        Timestamp.from(Instant.now()));
  }

  private List<String> find(String sql, String arg) {
    List<String> found = new ArrayList<>();
    try (PreparedStatement statement = connection().prepareStatement(sql)) {
      statement.setString(1, arg);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
    return found;
  }

  private void update(String sql, Object... args) {
    try (PreparedStatement statement = connection().prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }

  private Connection connection() {
    return transactions.getConnection();
  }
}
