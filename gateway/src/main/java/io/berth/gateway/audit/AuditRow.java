package io.berth.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import io.berth.events.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One projected message: where it was read, its envelope, who asked (for a request record) and a
 * compact JSON of its payload with secrets redacted.
 */
record AuditRow(
    String topic,
    int partition,
    long offset,
    Instant time,
    Instant orderedAt,
    String kind,
    String type,
    String subject,
    String subjectName,
    String envelopeId,
    String correlationId,
    String causationId,
    String principal,
    String remoteAddress,
    String userAgent,
    String action,
    String outcome,
    String payload) {

  static final String REQUEST = "request";
  static final String COMMAND = "command";
  static final String EVENT = "event";

  private static final ObjectMapper JSON = EventCodec.mapper();

  /**
   * The row for a message read at {@code topic}/{@code partition}/{@code offset}, after a message
   * of the same partition ordered at {@code previous} (or null).
   */
  static AuditRow of(
      String topic, int partition, long offset, Envelope envelope, byte[] value, Instant previous) {
    JsonNode payload = Redaction.redact(parse(value));
    String kind = kindOf(topic);
    boolean request = kind.equals(REQUEST);
    return new AuditRow(
        topic,
        partition,
        offset,
        envelope.time(),
        previous != null && previous.isAfter(envelope.time()) ? previous : envelope.time(),
        kind,
        envelope.type(),
        envelope.subject(),
        request ? requestTarget(payload) : nameOf(payload),
        envelope.id(),
        envelope.correlationId(),
        envelope.causationId(),
        request ? text(payload, "principal") : null,
        request ? text(payload, "remoteAddress") : null,
        request ? text(payload, "userAgent") : null,
        request ? text(payload, "action") : null,
        outcomeOf(request, envelope.type(), payload),
        payload.toString());
  }

  private static String kindOf(String topic) {
    if (topic.equals(Topic.AUDIT.topicName())) {
      return REQUEST;
    }
    return topic.endsWith(".commands") ? COMMAND : EVENT;
  }

  /** The container or image a request named in its path. */
  private static String requestTarget(JsonNode payload) {
    return DockerAction.of(text(payload, "method"), text(payload, "path"))
        .map(DockerAction::target)
        .orElse(null);
  }

  /** A name the message gives its subject: a container's name, an image reference. */
  private static String nameOf(JsonNode payload) {
    for (String field : new String[] {"name", "newName", "reference"}) {
      String name = text(payload, field);
      if (name != null) {
        return name.startsWith("/") ? name.substring(1) : name;
      }
    }
    return null;
  }

  private static String outcomeOf(boolean request, String type, JsonNode payload) {
    if (request) {
      String message = text(payload, "outcome");
      return payload.get("status").asText() + (message == null ? "" : " " + message);
    }
    if (type.equals("io.berth.CommandFailed")) {
      return text(payload, "code") + ": " + text(payload, "message");
    }
    if (payload.has("exitCode")) {
      return "exit " + payload.get("exitCode").asText();
    }
    return null;
  }

  private static JsonNode parse(byte[] value) {
    try {
      return JSON.readTree(value == null ? new byte[] {'{', '}'} : value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode payload, String field) {
    JsonNode value = payload.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
