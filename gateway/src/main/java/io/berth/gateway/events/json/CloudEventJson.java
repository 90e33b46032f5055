package io.berth.gateway.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A Berth event in the CloudEvents JSON format (structured mode): the envelope's attributes as
 * members, the payload exactly as the topic carries it as {@code data}, and where the record is in
 * Kafka as the extension attributes {@code berthtopic}, {@code berthpartition} and {@code
 * berthoffset}.
 *
 * @see <a
 *     href="https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md">CloudEvents
 *     JSON format</a>
 */
public final class CloudEventJson {

  private CloudEventJson() {}

  /**
   * One event as a single line of JSON.
   *
   * @throws UncheckedIOException if the payload is not JSON
   */
  public static String of(
      Envelope envelope, String topic, int partition, long offset, byte[] payload) {
    ObjectNode event = EventCodec.mapper().createObjectNode();
    event.put("specversion", envelope.specVersion());
    event.put("id", envelope.id());
    event.put("source", envelope.source().toString());
    event.put("type", envelope.type());
    if (envelope.subject() != null) {
      event.put("subject", envelope.subject());
    }
    event.put("time", envelope.time().toString());
    event.put("datacontenttype", envelope.dataContentType());
    event.put("correlationid", envelope.correlationId());
    if (envelope.causationId() != null) {
      event.put("causationid", envelope.causationId());
    }
    event.put("schemaversion", envelope.schemaVersion());
    event.put("berthtopic", topic);
    event.put("berthpartition", partition);
    event.put("berthoffset", offset);
    try {
      JsonNode data = EventCodec.mapper().readTree(payload);
      event.set("data", data);
      return EventCodec.mapper().writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
