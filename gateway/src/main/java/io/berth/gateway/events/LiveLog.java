package io.berth.gateway.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream of new events fed by the gateway's one live read of the event topics ({@link
 * ProjectionFeed}): records come from memory, decoded once for every stream, with no Kafka fetch of
 * its own. The feed holds at most {@link ProjectionFeed.Tail#LIMIT} records for it; a reader that
 * falls further behind (or a feed that loses Kafka) is cut off, and the stream goes on from exactly
 * the record after the last one it delivered with a Kafka consumer of its own ({@link MergedLog}),
 * so nothing is lost and nothing comes twice.
 */
final class LiveLog implements EventLog {

  private static final Logger LOG = LoggerFactory.getLogger(LiveLog.class);

  private final ProjectionFeed.Tail tail;
  private final List<String> topics;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final Map<TopicPartition, Long> delivered;
  private MergedLog fallback;

  LiveLog(
      ProjectionFeed.Tail tail,
      Collection<String> topics,
      Supplier<Consumer<String, byte[]>> consumers) {
    this.tail = tail;
    this.topics = List.copyOf(topics);
    this.consumers = consumers;
    this.delivered = new java.util.LinkedHashMap<>(tail.start());
  }

  @Override
  public Optional<LogEntry> next(Duration maxWait) throws InterruptedException {
    if (fallback == null) {
      LogEntry entry = tail.poll(maxWait.toNanos(), TimeUnit.NANOSECONDS);
      if (entry != null) {
        delivered.put(entry.partition(), entry.offset() + 1);
        return Optional.of(entry);
      }
      if (!tail.isCut()) {
        return Optional.empty();
      }
      LOG.info("a live event stream fell behind the feed; it reads on from Kafka on its own");
      tail.leave(); // what it still holds is read again from Kafka
      fallback = MergedLog.open(consumers.get(), topics, new MergedLog.Start.AtOffsets(delivered));
    }
    return fallback.next(maxWait);
  }

  /** Whether the stream reads Kafka on its own now (it fell behind the feed). */
  boolean onItsOwn() {
    return fallback != null;
  }

  @Override
  public Cursor cursor() {
    return fallback != null ? fallback.cursor() : new Cursor(delivered);
  }

  /** A live stream has no end: windows with an {@code until} read through a {@link MergedLog}. */
  @Override
  public void stopAt(Instant until) {
    throw new IllegalStateException("a live stream has no until");
  }

  @Override
  public boolean finished() {
    return false;
  }

  @Override
  public void close() {
    tail.leave();
    if (fallback != null) {
      fallback.close();
    }
  }
}
