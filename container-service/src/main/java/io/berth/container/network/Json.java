package io.berth.container.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.events.EventCodec;
import java.util.List;
import java.util.Map;

/** The JSON columns of the network tables (labels, aliases). */
final class Json {

  static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

  private Json() {}

  static <T> T read(String json, TypeReference<T> type) {
    try {
      return EventCodec.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable JSON column: " + json, e);
    }
  }
}
