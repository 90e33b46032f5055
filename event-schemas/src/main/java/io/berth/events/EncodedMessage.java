package io.berth.events;

import java.util.Map;
import java.util.Objects;

/**
 * A message ready for the wire: topic, key, headers (the envelope in binary mode) and the JSON
 * value. Also what an outbox row stores.
 */
public record EncodedMessage(String topic, String key, Map<String, byte[]> headers, byte[] value) {
  public EncodedMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(value, "value");
    headers = Map.copyOf(headers);
  }
}
