package io.berth.gateway.docker.hijack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.util.Map;

/**
 * The container-service stream port's protocol, the gateway's side: one header line of JSON out,
 * one answer line of JSON back, then raw bytes (see {@code io.berth.container.stream}).
 */
final class StreamWire {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private StreamWire() {}

  /** The header line for an attach. */
  record Attach(
      String op,
      String id,
      boolean stdin,
      boolean stdout,
      boolean stderr,
      boolean stream,
      boolean logs,
      @Nullable String detachKeys) {}

  /** The header line for an exec start. */
  record Exec(
      String op, String id, boolean tty, boolean detach, int consoleHeight, int consoleWidth) {}

  /** The answer line: {@code ok} and {@code tty}, or the refusal's {@code status} and message. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Answer(boolean ok, boolean tty, int status, @Nullable String message) {}

  /** A header record as one line, {@code \n} included. */
  static byte[] line(Object header) {
    try {
      return (JSON.writeValueAsString(header) + "\n")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a stream header", e);
    }
  }

  /** Reads an answer line (without its {@code \n}). */
  static Answer answer(byte[] line) throws IOException {
    return JSON.readValue(line, Answer.class);
  }

  /** Docker's error body, {@code {"message":"..."}}. */
  static byte[] error(String message) {
    try {
      return JSON.writeValueAsBytes(Map.of("message", message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error body", e);
    }
  }

  /** Parses a JSON request body into a tree. */
  static com.fasterxml.jackson.databind.JsonNode tree(byte[] body) throws IOException {
    return JSON.readTree(body);
  }
}
