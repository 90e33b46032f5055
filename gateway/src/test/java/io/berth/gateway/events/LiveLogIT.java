package io.berth.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.EventCodec;
import io.berth.events.container.ContainerKilled;
import io.berth.launcher.EmbeddedKafkaBroker;
import io.berth.launcher.TopicSetup;
import io.berth.messaging.KafkaClients;
import io.berth.messaging.MessagePublisher;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
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
 * Streams of new events fed by the gateway's one live read, on a real broker: they get exactly the
 * events published after they opened, and a stream whose reader falls behind the feed's limit, or
 * whose feed stops, goes on from Kafka on its own without losing or repeating one.
 */
class LiveLogIT {

  private static final int TAIL_LIMIT = 8;

  private static EmbeddedKafkaBroker broker;
  private static KafkaClients clients;
  private static ProjectionFeed feed;
  private static int sequence;

  @BeforeAll
  static void startBrokerAndFeed() throws Exception {
    broker = EmbeddedKafkaBroker.startOnFreePorts(Files.createTempDirectory("berth-live-log"));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      TopicSetup.ensureTopics(admin, TopicSetup.Options.singleNode());
    }
    clients = new KafkaClients(broker.bootstrapServers(), "live-log-it");
    publish(20); // history the feed reads before it is live
    feed = new ProjectionFeed(clients, TAIL_LIMIT);
    await().atMost(Duration.ofSeconds(60)).until(() -> join() != null);
  }

  @AfterAll
  static void stop() {
    if (feed != null) {
      feed.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aStreamAtTheEndGetsExactlyTheEventsPublishedAfterItOpenedFromTheFeed() throws Exception {
    try (EventLog log = openLive()) {
      assertThat(log).isInstanceOf(LiveLog.class);
      assertThat(log.next(Duration.ofMillis(300))).isEmpty();
      List<String> published = publish(5);
      assertThat(read(log, 5)).containsExactlyElementsOf(published);
      assertThat(((LiveLog) log).onItsOwn()).isFalse();
      assertThat(log.next(Duration.ofMillis(300))).isEmpty();
    }
  }

  @Test
  void aStreamThatFallsBehindGoesOnFromKafkaWithoutLosingOrRepeatingAnEvent() throws Exception {
    try (EventLog log = openLive()) {
      List<String> first = publish(3);
      assertThat(read(log, 3)).containsExactlyElementsOf(first);
      // Nobody reads while four times the limit arrives: the feed cuts the stream off.
      List<String> flood = publish(TAIL_LIMIT * 4);
      List<String> seen = read(log, flood.size());
      assertThat(((LiveLog) log).onItsOwn()).isTrue();
      assertThat(seen).containsExactlyElementsOf(flood);
      // On its own it follows the topics live.
      List<String> after = publish(2);
      assertThat(read(log, 2)).containsExactlyElementsOf(after);
      assertThat(log.next(Duration.ofMillis(300))).isEmpty();
    }
  }

  @Test
  void theCursorOfAFedStreamResumesExactlyAfterWhatItDelivered() throws Exception {
    Cursor cursor;
    try (EventLog log = openLive()) {
      List<String> published = publish(4);
      assertThat(read(log, 2)).containsExactlyElementsOf(published.subList(0, 2));
      cursor = Cursor.decode(log.cursor().encode());
      List<String> later = publish(1);
      try (MergedLog resumed =
          MergedLog.open(
              EventConsumers.open(clients, "test"),
              Cursor.TOPICS,
              new MergedLog.Start.AtCursor(cursor))) {
        List<String> rest = new ArrayList<>(published.subList(2, 4));
        rest.addAll(later);
        assertThat(read(resumed, 3)).containsExactlyElementsOf(rest);
      }
    }
  }

  @Test
  void aStreamWhoseFeedStopsGoesOnFromKafka() throws Exception {
    ProjectionFeed own = new ProjectionFeed(clients, TAIL_LIMIT);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> own.join(Cursor.TOPICS) != null); // joined and left at once below
      EventLog log = own.open(Cursor.TOPICS, new MergedLog.Start.AtEnd(), "test");
      try (log) {
        List<String> before = publish(2);
        assertThat(read(log, 2)).containsExactlyElementsOf(before);
        own.close();
        List<String> after = publish(3);
        assertThat(read(log, 3)).containsExactlyElementsOf(after);
        assertThat(((LiveLog) log).onItsOwn()).isTrue();
      }
    } finally {
      own.close();
    }
  }

  private static ProjectionFeed.Tail join() {
    ProjectionFeed.Tail tail = feed.join(Cursor.TOPICS);
    if (tail != null) {
      tail.leave();
    }
    return tail;
  }

  private static EventLog openLive() {
    return feed.open(Cursor.TOPICS, new MergedLog.Start.AtEnd(), "test");
  }

  /** Publishes events of one container (one partition, so one order) and returns their ids. */
  private static List<String> publish(int count) throws Exception {
    List<String> ids = new ArrayList<>();
    String subject = HexFormat.of().toHexDigits(7, 2).repeat(32);
    try (MessagePublisher publisher = new MessagePublisher(clients, "fixture")) {
      for (int i = 0; i < count; i++) {
        var encoded =
            EventCodec.encodeFirst(
                URI.create("/berth/test/live-log-" + sequence++),
                new ContainerKilled(subject, "SIGTERM"));
        publisher.publish(encoded).get();
        ids.add(EventCodec.decode(encoded.headers(), encoded.value()).envelope().id());
      }
    }
    return ids;
  }

  private static List<String> read(EventLog log, int count) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (ids.size() < count && System.nanoTime() < deadline) {
      Optional<LogEntry> next = log.next(Duration.ofMillis(500));
      next.ifPresent(entry -> ids.add(entry.message().envelope().id()));
    }
    return ids;
  }
}
