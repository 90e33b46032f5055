package io.berth.gateway.audit;

import io.berth.events.Topic;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/** The audit projection's tables: rows, the offsets they were read up to, and the queries. */
@Singleton
class AuditStore {

  private static final Pattern ID_PREFIX = Pattern.compile("(sha256:)?[0-9a-f]{12,64}");

  private static final String SELECT =
      "SELECT e.*, r.principal AS r_principal, r.remote_address AS r_remote_address,"
          + " r.user_agent AS r_user_agent, r.action AS r_action FROM audit_entry e"
          + " LEFT JOIN audit_entry r ON e.kind <> 'request' AND r.kind = 'request'"
          + " AND r.correlation_id = e.correlation_id";

  private static final String ORDER =
      " ORDER BY e.ordered_at, e.source_topic, e.source_partition, e.source_offset";

  private final TransactionOperations<Connection> transactions;

  AuditStore(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /** Stores rows and the offsets after them in one transaction; a row read twice is skipped. */
  void append(List<AuditRow> rows, Map<TopicPartition, Long> nextOffsets) {
    transactions.executeWrite(
        status -> {
          Connection connection = status.getConnection();
          try (PreparedStatement insert =
                  connection.prepareStatement(
                      "MERGE INTO audit_entry (source_topic, source_partition, source_offset,"
                          + " occurred_at, ordered_at, kind, type, subject, subject_name, envelope_id,"
                          + " correlation_id, causation_id, principal, remote_address, user_agent,"
                          + " action, outcome, payload) KEY (source_topic, source_partition,"
                          + " source_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                          + " ?, ?, ?)");
              PreparedStatement offset =
                  connection.prepareStatement(
                      "MERGE INTO audit_offset (source_topic, source_partition, next_offset)"
                          + " KEY (source_topic, source_partition) VALUES (?, ?, ?)")) {
            for (AuditRow row : rows) {
              bind(insert, row);
              insert.addBatch();
            }
            insert.executeBatch();
            for (Map.Entry<TopicPartition, Long> next : nextOffsets.entrySet()) {
              offset.setString(1, next.getKey().topic());
              offset.setInt(2, next.getKey().partition());
              offset.setLong(3, next.getValue());
              offset.addBatch();
            }
            offset.executeBatch();
          }
          return null;
        });
  }

  /** Where the projection stopped reading, per partition. */
  Map<TopicPartition, Long> offsets() {
    return transactions.executeRead(
        status -> {
          Map<TopicPartition, Long> offsets = new HashMap<>();
          try (PreparedStatement select =
                  status
                      .getConnection()
                      .prepareStatement(
                          "SELECT source_topic, source_partition, next_offset FROM audit_offset");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              offsets.put(new TopicPartition(rows.getString(1), rows.getInt(2)), rows.getLong(3));
            }
          }
          return offsets;
        });
  }

  /** The latest {@code ordered_at} of a partition's rows, or null if it has none. */
  Instant lastOrderedAt(TopicPartition partition) {
    return transactions.executeRead(
        status -> {
          try (PreparedStatement select =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT MAX(ordered_at) FROM audit_entry WHERE source_topic = ?"
                          + " AND source_partition = ?")) {
            select.setString(1, partition.topic());
            select.setInt(2, partition.partition());
            try (ResultSet rows = select.executeQuery()) {
              rows.next();
              OffsetDateTime last = rows.getObject(1, OffsetDateTime.class);
              return last == null ? null : last.toInstant();
            }
          }
        });
  }

  /** Drops the projection: every row and every offset. */
  void clear() {
    transactions.executeWrite(
        status -> {
          try (PreparedStatement rows =
                  status.getConnection().prepareStatement("DELETE FROM audit_entry");
              PreparedStatement offsets =
                  status.getConnection().prepareStatement("DELETE FROM audit_offset")) {
            rows.executeUpdate();
            offsets.executeUpdate();
          }
          return null;
        });
  }

  /** Deletes rows older than {@code cutoff}; returns how many. */
  int deleteBefore(Instant cutoff) {
    return transactions.executeWrite(
        status -> {
          try (PreparedStatement delete =
              status
                  .getConnection()
                  .prepareStatement("DELETE FROM audit_entry WHERE occurred_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
          }
        });
  }

  /** One page of the rows a query selects, oldest first, and how many it selects in all. */
  AuditPage find(AuditQuery query) {
    return transactions.executeRead(
        status -> {
          Connection connection = status.getConnection();
          List<Object> parameters = new ArrayList<>();
          String where = where(connection, query, parameters);
          long total;
          try (PreparedStatement count =
              connection.prepareStatement("SELECT COUNT(*) FROM (" + SELECT + where + ")")) {
            bindAll(count, parameters);
            try (ResultSet rows = count.executeQuery()) {
              rows.next();
              total = rows.getLong(1);
            }
          }
          List<AuditEntry> entries = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(SELECT + where + ORDER + " LIMIT ? OFFSET ?")) {
            List<Object> paged = new ArrayList<>(parameters);
            paged.add(query.limit());
            paged.add((long) query.limit() * query.page());
            bindAll(select, paged);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                entries.add(AuditEntry.of(rows));
              }
            }
          }
          return new AuditPage(entries, query.page(), query.limit(), total);
        });
  }

  private String where(Connection connection, AuditQuery query, List<Object> parameters)
      throws SQLException {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (query.container() != null) {
      subjectClause(connection, Topic.CONTAINER_EVENTS, query.container(), where, parameters);
    }
    if (query.image() != null) {
      subjectClause(connection, Topic.IMAGE_EVENTS, query.image(), where, parameters);
    }
    if (query.principal() != null) {
      where.append(" AND COALESCE(e.principal, r.principal) = ?");
      parameters.add(query.principal());
    }
    if (query.action() != null) {
      where.append(" AND (COALESCE(e.action, r.action) = ? OR e.type = ?)");
      parameters.add(query.action());
      parameters.add(query.action());
    }
    if (query.correlation() != null) {
      where.append(" AND e.correlation_id = ?");
      parameters.add(query.correlation());
    }
    if (query.since() != null) {
      where.append(" AND e.occurred_at >= ?");
      parameters.add(Timestamp.from(query.since()));
    }
    if (query.until() != null) {
      where.append(" AND e.occurred_at <= ?");
      parameters.add(Timestamp.from(query.until()));
    }
    return where.toString();
  }

  /**
   * Everything about one container (image): its messages, the requests that named it, and every
   * message of the conversations that touched it. A name is resolved through the projection's own
   * history, so it still resolves after the container is gone.
   */
  private void subjectClause(
      Connection connection, Topic topic, String reference, StringBuilder where, List<Object> out)
      throws SQLException {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>(List.of(reference));
    String prefix = ID_PREFIX.matcher(reference).matches() ? reference + "%" : reference;
    try (PreparedStatement resolve =
        connection.prepareStatement(
            "SELECT DISTINCT subject FROM audit_entry WHERE source_topic = ? AND subject IS NOT"
                + " NULL AND (subject = ? OR subject LIKE ? OR 'sha256:' || ? = subject"
                + " OR subject_name = ? OR subject_name = ?)")) {
      bindAll(
          resolve,
          List.of(
              topic.topicName(), reference, prefix, reference, reference, reference + ":latest"));
      try (ResultSet rows = resolve.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    ids.add(reference);
    names.addAll(ids);
    String idList = placeholders(ids.size());
    where
        .append(" AND (e.subject IN ")
        .append(idList)
        .append(" OR (e.kind = 'request' AND e.subject_name IN ")
        .append(placeholders(names.size()))
        .append(") OR e.correlation_id IN (SELECT c.correlation_id FROM audit_entry c")
        .append(" WHERE c.kind <> 'request' AND c.subject IN ")
        .append(idList)
        .append("))");
    out.addAll(ids);
    out.addAll(names);
    out.addAll(ids);
  }

  private static String placeholders(int count) {
    return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
  }

  private static void bindAll(PreparedStatement statement, List<Object> values)
      throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
  }

  private static void bind(PreparedStatement insert, AuditRow row) throws SQLException {
    Object[] values = {
      row.topic(),
      row.partition(),
      row.offset(),
      Timestamp.from(row.time()),
      Timestamp.from(row.orderedAt()),
      row.kind(),
      row.type(),
      row.subject(),
      row.subjectName(),
      row.envelopeId(),
      row.correlationId(),
      row.causationId(),
      row.principal(),
      row.remoteAddress(),
      row.userAgent(),
      row.action(),
      truncate(row.outcome()),
      row.payload()
    };
    bindAll(insert, Arrays.asList(values));
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 4096 ? text : text.substring(0, 4096);
  }
}
