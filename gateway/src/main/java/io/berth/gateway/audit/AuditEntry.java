package io.berth.gateway.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * One entry of the audit history as the API shows it. A command's or event's principal, address,
 * user agent and action come from the request that started its conversation (same correlation id).
 *
 * @param time when the message was written (RFC 3339)
 * @param kind {@code request}, {@code command} or {@code event}
 * @param type the CloudEvents type
 * @param topic the Kafka topic it was read from
 * @param subject the container id, image id, digest or request id it is about
 * @param name the name it gives its subject (a container's name, an image reference), or null
 * @param id the envelope id
 * @param correlationId the conversation it belongs to
 * @param causationId the id of the message that caused it, or null
 * @param principal who asked, or null if no request started the conversation
 * @param remoteAddress the caller's address, or null
 * @param userAgent the caller's user agent, or null
 * @param action the Docker action of the request, or null
 * @param outcome an HTTP status and message, a failure's code and message, or an exit code
 * @param payload the payload, secrets redacted
 */
@JsonPropertyOrder({
  "time",
  "kind",
  "type",
  "topic",
  "subject",
  "name",
  "id",
  "correlationId",
  "causationId",
  "principal",
  "remoteAddress",
  "userAgent",
  "action",
  "outcome",
  "payload"
})
record AuditEntry(
    String time,
    String kind,
    String type,
    String topic,
    String subject,
    String name,
    String id,
    String correlationId,
    String causationId,
    String principal,
    String remoteAddress,
    String userAgent,
    String action,
    String outcome,
    JsonNode payload) {

  static AuditEntry of(ResultSet row) throws SQLException {
    return new AuditEntry(
        row.getObject("occurred_at", OffsetDateTime.class).toInstant().toString(),
        row.getString("kind"),
        row.getString("type"),
        row.getString("source_topic"),
        row.getString("subject"),
        row.getString("subject_name"),
        row.getString("envelope_id"),
        row.getString("correlation_id"),
        row.getString("causation_id"),
        either(row, "principal"),
        either(row, "remote_address"),
        either(row, "user_agent"),
        either(row, "action"),
        row.getString("outcome"),
        parse(row.getString("payload")));
  }

  /** The row's own value, else the one of the request that started its conversation. */
  private static String either(ResultSet row, String column) throws SQLException {
    String own = row.getString(column);
    return own != null ? own : row.getString("r_" + column);
  }

  private static JsonNode parse(String json) {
    try {
      return EventCodec.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
