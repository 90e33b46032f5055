package io.berth.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;

/** Conversions between Kafka headers and the plain maps the event contract uses. */
final class Headers {

  private Headers() {}

  static Map<String, byte[]> toMap(org.apache.kafka.common.header.Headers headers) {
    Map<String, byte[]> map = new LinkedHashMap<>();
    for (Header header : headers) {
      map.put(header.key(), header.value());
    }
    return map;
  }

  static String text(org.apache.kafka.common.header.Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
