package io.berth.gateway.docker.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.events.EventCodec;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Lines of Docker's JSON message stream (moby's {@code streamformatter}): one JSON object per line,
 * each ended by {@code \r\n}, as {@code docker import} and {@code docker load} answer.
 */
public final class JsonStream {

  private static final String NEWLINE = "\r\n";

  private JsonStream() {}

  /** {@code {"status":"..."}}, which the CLI prints as a line. */
  public static String status(String status) {
    return line(Map.of("status", status));
  }

  /** {@code {"stream":"..."}}: output the CLI prints as it is (include the newline). */
  public static String stream(String text) {
    return line(Map.of("stream", text));
  }

  private static String line(Map<String, String> message) {
    try {
      return EventCodec.mapper().writeValueAsString(message) + NEWLINE;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
