package io.berth.gateway.events;

import io.berth.events.Catalogue;
import io.berth.events.Envelope;
import io.berth.events.Enveloped;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.HostConfig;
import io.berth.events.image.ImageConfig;
import io.berth.events.image.ImageDescriptor;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Berth events as a stream reads them, for the mapping and filter tests. */
final class Events {

  static final String ID = "a".repeat(64);
  static final String IMAGE_ID = "sha256:" + "b".repeat(64);
  static final Instant TIME = Instant.parse("2026-11-29T10:00:00.123456789Z");

  private Events() {}

  static LogEntry entry(long offset, Message payload) {
    Envelope envelope =
        new Envelope(
            Envelope.newId(),
            URI.create("/berth/test"),
            Catalogue.of(payload.getClass()).type(),
            Envelope.SPEC_VERSION,
            TIME,
            payload.subject(),
            "correlation",
            null,
            1,
            Envelope.JSON,
            null);
    String topic = Catalogue.of(payload.getClass()).topic().topicName();
    return new LogEntry(
        new TopicPartition(topic, 0),
        offset,
        TIME,
        new Enveloped<>(envelope, payload),
        EventCodec.toJson(payload));
  }

  static ContainerCreated created(String name, Map<String, String> labels) {
    return new ContainerCreated(
        ID,
        name,
        "busybox",
        IMAGE_ID,
        new ContainerConfig(
            List.of("sh"), null, null, null, null, null, false, false, labels, null, null),
        HostConfig.defaults(),
        TIME);
  }

  static ImageDescriptor image(String tag, Map<String, String> labels) {
    return new ImageDescriptor(
        IMAGE_ID,
        List.of(tag),
        new ImageConfig(null, List.of("sh"), null, null, null, null, null, labels, null),
        List.of(),
        List.of(),
        null,
        0,
        TIME);
  }

  /** A projection that has taken in the given events at offsets 0, 1, ... */
  static Projection projection(Message... events) {
    Projection projection = new Projection();
    for (int i = 0; i < events.length; i++) {
      projection.apply(i, events[i]);
    }
    return projection;
  }
}
