package io.berth.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents 1.0 attributes of a message plus Berth's extensions, carried as Kafka headers in
 * the CloudEvents Kafka protocol binding's binary mode (attributes as {@code ce_*} headers, the
 * payload as the record value).
 *
 * @see <a
 *     href="https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md">CloudEvents
 *     Kafka binding</a>
 */
public record Envelope(
    String id,
    URI source,
    String type,
    String specVersion,
    Instant time,
    String subject,
    String correlationId,
    String causationId,
    int schemaVersion,
    String dataContentType,
    Instant deadline) {

  public static final String SPEC_VERSION = "1.0";
  public static final String JSON = "application/json";

  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String SPECVERSION = "ce_specversion";
  public static final String TIME = "ce_time";
  public static final String SUBJECT = "ce_subject";
  public static final String CORRELATION_ID = "ce_correlationid";
  public static final String CAUSATION_ID = "ce_causationid";
  public static final String SCHEMA_VERSION = "ce_schemaversion";
  public static final String DEADLINE = "ce_deadline";
  public static final String CONTENT_TYPE = "content-type";

  public Envelope {
    requireText(id, "id");
    Objects.requireNonNull(source, "source");
    requireText(type, "type");
    requireText(specVersion, "specVersion");
    Objects.requireNonNull(time, "time");
    requireText(correlationId, "correlationId");
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be at least 1, was " + schemaVersion);
    }
    if (dataContentType == null) {
      dataContentType = JSON;
    }
  }

  /** A new envelope for a message that starts a conversation: its correlation id is its own id. */
  public static Envelope first(URI source, MessageType<?> type, String subject) {
    String id = newId();
    return new Envelope(
        id,
        source,
        type.type(),
        SPEC_VERSION,
        Instant.now(),
        subject,
        id,
        null,
        type.schemaVersion(),
        JSON,
        null);
  }

  /**
   * A new envelope for a message caused by {@code cause}: same correlation id, causation id = the
   * cause's id.
   */
  public static Envelope causedBy(Envelope cause, URI source, MessageType<?> type, String subject) {
    return new Envelope(
        newId(),
        source,
        type.type(),
        SPEC_VERSION,
        Instant.now(),
        subject,
        cause.correlationId(),
        cause.id(),
        type.schemaVersion(),
        JSON,
        null);
  }

  /** A new envelope with a correlation id chosen by the caller (for request/reply). */
  public static Envelope correlated(
      URI source, MessageType<?> type, String subject, String correlationId) {
    return new Envelope(
        newId(),
        source,
        type.type(),
        SPEC_VERSION,
        Instant.now(),
        subject,
        correlationId,
        null,
        type.schemaVersion(),
        JSON,
        null);
  }

  /** A fresh, random message id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** The envelope as Kafka headers, in binary mode. Absent optional attributes are left out. */
  public Map<String, byte[]> toHeaders() {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    put(headers, ID, id);
    put(headers, SOURCE, source.toString());
    put(headers, TYPE, type);
    put(headers, SPECVERSION, specVersion);
    put(headers, TIME, time.toString());
    put(headers, SUBJECT, subject);
    put(headers, CORRELATION_ID, correlationId);
    put(headers, CAUSATION_ID, causationId);
    put(headers, SCHEMA_VERSION, Integer.toString(schemaVersion));
    put(headers, CONTENT_TYPE, dataContentType);
    put(headers, DEADLINE, deadline == null ? null : deadline.toString());
    return headers;
  }

  /**
   * Reads an envelope back from Kafka headers.
   *
   * @throws DecodingException naming the missing or malformed header
   */
  public static Envelope fromHeaders(Map<String, byte[]> headers) {
    try {
      String id = required(headers, ID);
      String correlationId = text(headers, CORRELATION_ID);
      String version = text(headers, SCHEMA_VERSION);
      return new Envelope(
          id,
          URI.create(required(headers, SOURCE)),
          required(headers, TYPE),
          required(headers, SPECVERSION),
          Instant.parse(required(headers, TIME)),
          text(headers, SUBJECT),
          correlationId == null ? id : correlationId,
          text(headers, CAUSATION_ID),
          version == null ? 1 : Integer.parseInt(version),
          text(headers, CONTENT_TYPE),
          instant(text(headers, DEADLINE)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      if (e instanceof DecodingException decoding) {
        throw decoding;
      }
      throw new DecodingException(
          DecodingException.Reason.BROKEN_ENVELOPE, "malformed envelope: " + e.getMessage(), e);
    }
  }

  /** The same envelope with a deadline after which the receiver must not act on it. */
  public Envelope withDeadline(Instant newDeadline) {
    return new Envelope(
        id,
        source,
        type,
        specVersion,
        time,
        subject,
        correlationId,
        causationId,
        schemaVersion,
        dataContentType,
        newDeadline);
  }

  /** Whether the sender has given up waiting: the deadline, if any, has passed. */
  public boolean isExpired(Instant now) {
    return deadline != null && now.isAfter(deadline);
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static String required(Map<String, byte[]> headers, String name) {
    String value = text(headers, name);
    if (value == null || value.isBlank()) {
      throw new DecodingException(
          DecodingException.Reason.BROKEN_ENVELOPE, "missing header " + name, null);
    }
    return value;
  }

  private static String text(Map<String, byte[]> headers, String name) {
    byte[] value = headers.get(name);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  private static void put(Map<String, byte[]> headers, String name, String value) {
    if (value != null) {
      headers.put(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
