package io.berth.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * JSON serde for payloads and the envelope mapping to and from Kafka records. Unknown fields are
 * ignored and missing optional fields decode as absent, so older and newer schema versions of a
 * type read each other.
 */
public final class EventCodec {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private EventCodec() {}

  /** The shared, configured mapper (thread-safe). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Encodes a payload with a fresh envelope that starts a conversation. */
  public static EncodedMessage encodeFirst(URI source, Message payload) {
    return encode(
        Envelope.first(source, Catalogue.of(payload.getClass()), payload.subject()), payload);
  }

  /** Encodes a payload caused by {@code cause} (same correlation id, causation id = cause id). */
  public static EncodedMessage encodeCausedBy(Envelope cause, URI source, Message payload) {
    return encode(
        Envelope.causedBy(cause, source, Catalogue.of(payload.getClass()), payload.subject()),
        payload);
  }

  /** Encodes a payload under the given envelope, on the topic its type is catalogued for. */
  public static EncodedMessage encode(Envelope envelope, Message payload) {
    MessageType<?> type = Catalogue.of(payload.getClass());
    if (!type.type().equals(envelope.type())) {
      throw new IllegalArgumentException(
          "envelope type " + envelope.type() + " does not match payload " + type.type());
    }
    return new EncodedMessage(
        topicFor(type, payload).topicName(),
        payload.subject(),
        envelope.toHeaders(),
        toJson(payload));
  }

  /** The payload as JSON bytes. */
  public static byte[] toJson(Message payload) {
    try {
      return MAPPER.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + payload.getClass().getName(), e);
    }
  }

  /**
   * Decodes a record's headers and value.
   *
   * @throws DecodingException if the envelope is broken, the type unknown or the payload bad
   */
  public static Enveloped<Message> decode(Map<String, byte[]> headers, byte[] value) {
    Envelope envelope = Envelope.fromHeaders(headers);
    return new Enveloped<>(envelope, decodePayload(envelope.type(), value));
  }

  /**
   * Decodes a payload of a catalogued type.
   *
   * @throws DecodingException if the type is unknown or the payload bad
   */
  public static Message decodePayload(String type, byte[] value) {
    MessageType<?> messageType =
        Catalogue.byType(type)
            .orElseThrow(
                () ->
                    new DecodingException(
                        DecodingException.Reason.UNKNOWN_TYPE,
                        "unknown message type " + type,
                        null));
    if (value == null || value.length == 0) {
      throw new DecodingException(
          DecodingException.Reason.BROKEN_PAYLOAD, "empty payload for " + type, null);
    }
    try {
      return MAPPER.readValue(value, messageType.payload());
    } catch (IOException | RuntimeException e) {
      Throwable cause = e.getCause() != null && !(e instanceof IOException) ? e.getCause() : e;
      throw new DecodingException(
          DecodingException.Reason.BROKEN_PAYLOAD,
          "bad payload for " + type + ": " + firstLine(cause.getMessage()),
          e);
    }
  }

  /** Decodes a JSON payload to a specific record (for tests and typed consumers). */
  public static <T extends Message> T decodePayload(Class<T> payload, byte[] value) {
    return payload.cast(decodePayload(Catalogue.of(payload).type(), value));
  }

  /** Serialises any value with the shared mapper (for schema examples and documentation). */
  public static String toJsonString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Topic topicFor(MessageType<?> type, Message payload) {
    if (payload instanceof CommandFailed failed) {
      return Catalogue.byType(failed.commandType())
          .map(MessageType::outcomeTopic)
          .orElse(type.topic());
    }
    return type.topic();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unreadable";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
