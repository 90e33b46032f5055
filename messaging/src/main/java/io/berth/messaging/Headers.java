package io.berth.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;

/** Conversions between Kafka headers and the plain maps the event contract uses. */
public final class Headers {

  private Headers() {}

  /** The record headers as the map the event contract reads. */
  public static Map<String, byte[]> toMap(org.apache.kafka.common.header.Headers headers) {
    Map<String, byte[]> map = new LinkedHashMap<>();
    for (Header header : headers) {
      map.put(header.key(), header.value());
    }
    return map;
  }
}
