package io.berth.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.Catalogue;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.Topic;
import io.berth.events.container.ContainerKilled;
import io.berth.events.image.ImageUntagged;
import io.berth.launcher.EmbeddedKafkaBroker;
import io.berth.launcher.TopicSetup;
import io.berth.messaging.KafkaClients;
import io.berth.messaging.MessagePublisher;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The merged read of the event topics on a real broker: events spread over every partition of two
 * topics come out in time order, and a cursor taken anywhere resumes with exactly the rest.
 */
class MergedLogIT {

  private static final int EVENTS = 120;
  private static final List<String> TOPICS =
      List.of(Topic.CONTAINER_EVENTS.topicName(), Topic.IMAGE_EVENTS.topicName());

  private static EmbeddedKafkaBroker broker;
  private static KafkaClients clients;
  private static final List<String> published = new ArrayList<>();

  @BeforeAll
  static void publishEventsAcrossPartitions() throws Exception {
    broker = EmbeddedKafkaBroker.startOnFreePorts(Files.createTempDirectory("berth-merged-log"));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      TopicSetup.ensureTopics(admin, TopicSetup.Options.singleNode());
    }
    clients = new KafkaClients(broker.bootstrapServers(), "merged-log-it");
    Instant start = Instant.now().minusSeconds(60);
    try (MessagePublisher publisher = new MessagePublisher(clients, "fixture")) {
      for (int i = 0; i < EVENTS; i++) {
        String subject = HexFormat.of().toHexDigits(i % 40, 2).repeat(32);
        Message event =
            i % 3 == 0
                ? new ImageUntagged("sha256:" + subject, "app:" + i)
                : new ContainerKilled(subject, "SIGTERM");
        Envelope envelope =
            new Envelope(
                Envelope.newId(),
                URI.create("/berth/test"),
                Catalogue.of(event.getClass()).type(),
                Envelope.SPEC_VERSION,
                start.plusMillis(i),
                event.subject(),
                "correlation-" + i,
                null,
                1,
                Envelope.JSON,
                null);
        publisher.publish(EventCodec.encode(envelope, event)).get();
        published.add(envelope.id());
      }
    }
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void eventsOfAllPartitionsComeOutInTimeOrder() {
    try (MergedLog log = open(new Cursor(Map.of()))) {
      assertThat(readToEnd(log, EVENTS)).containsExactlyElementsOf(published);
    }
  }

  @Test
  void aCursorResumesWithExactlyTheRest() {
    List<String> seen = new ArrayList<>();
    Cursor cursor;
    try (MergedLog log = open(new Cursor(Map.of()))) {
      for (int i = 0; i < 47; i++) {
        seen.add(log.next(Duration.ofSeconds(10)).orElseThrow().message().envelope().id());
      }
      cursor = Cursor.decode(log.cursor().encode());
    }
    try (MergedLog log = open(cursor)) {
      seen.addAll(readToEnd(log, EVENTS - 47));
    }
    assertThat(seen).containsExactlyElementsOf(published);
  }

  @Test
  void aStreamAtTheEndSeesOnlyNewEvents() {
    try (MergedLog log =
        MergedLog.open(EventConsumers.open(clients, "test"), TOPICS, new MergedLog.Start.AtEnd())) {
      assertThat(log.next(Duration.ofMillis(500))).isEmpty();
      assertThat(log.finished()).isFalse();
    }
  }

  private static MergedLog open(Cursor cursor) {
    return MergedLog.open(
        EventConsumers.open(clients, "test"), TOPICS, new MergedLog.Start.AtCursor(cursor));
  }

  private static List<String> readToEnd(MergedLog log, int expected) {
    List<String> ids = new ArrayList<>();
    log.stopAt(Instant.now());
    while (!log.finished()) {
      Optional<LogEntry> next = log.next(Duration.ofSeconds(10));
      next.ifPresent(entry -> ids.add(entry.message().envelope().id()));
    }
    assertThat(ids).hasSize(expected);
    return ids;
  }
}
