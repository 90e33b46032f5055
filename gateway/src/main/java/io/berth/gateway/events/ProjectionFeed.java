package io.berth.gateway.events;

import io.berth.events.Topic;
import io.berth.messaging.KafkaClients;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one live read of the event topics. One thread reads the container and image event
 * topics from their beginning and on, live, and keeps the {@link Projection} current with them; it
 * reads the other event topics from the end. A stream about to describe a record first waits until
 * the feed has taken in that record's partition up to it, so it sees everything the record's own
 * earlier events said.
 *
 * <p>Streams of new events (no {@code since}, no cursor) are fed from here ({@link #open}): each
 * record is fetched and decoded once for all of them and handed to each stream's {@link Tail} right
 * after the projection took it in, instead of every stream fetching it from Kafka again. Started
 * with the gateway, so that it has caught up before the first subscriber comes; until it has,
 * streams read Kafka on their own.
 */
@Context
public class ProjectionFeed implements AutoCloseable {

  /** The topics the projection is built from. */
  static final List<String> TOPICS =
      List.of(Topic.CONTAINER_EVENTS.topicName(), Topic.IMAGE_EVENTS.topicName());

  /** Every topic a stream reads: the projection's, and the others from the feed's start on. */
  static final List<String> LIVE_TOPICS =
      Stream.of(TOPICS, DockerEvents.TOPICS, Cursor.TOPICS)
          .flatMap(List::stream)
          .distinct()
          .toList();

  private static final Logger LOG = LoggerFactory.getLogger(ProjectionFeed.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final Projection projection = new Projection();

  /** Next offset to take in, per partition; guards {@link #tails} and {@link #live} too. */
  private final Map<TopicPartition, Long> applied = new HashMap<>();

  private final Set<Tail> tails = new LinkedHashSet<>();
  private boolean live;
  private final KafkaClients clients;
  private final int tailLimit;
  private final Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running = true;

  @Inject
  public ProjectionFeed(KafkaClients clients) {
    this(clients, Tail.LIMIT);
  }

  /** A feed whose streams may fall {@code tailLimit} records behind before they are cut off. */
  ProjectionFeed(KafkaClients clients, int tailLimit) {
    this.clients = clients;
    this.tailLimit = tailLimit;
    this.thread = new Thread(this::run, "events-projection");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** The projection; read it for a record only after {@link #awaitApplied} said yes. */
  Projection projection() {
    return projection;
  }

  /**
   * Opens a stream over {@code topics} (a subset of {@link #LIVE_TOPICS}): one fed from here when
   * it starts at the end and the feed is live, else one reading Kafka on its own.
   *
   * @throws org.apache.kafka.common.KafkaException if Kafka cannot be reached
   */
  EventLog open(Collection<String> topics, MergedLog.Start start, String purpose) {
    if (start instanceof MergedLog.Start.AtEnd) {
      Tail tail = join(topics);
      if (tail != null) {
        return new LiveLog(tail, topics, () -> EventConsumers.open(clients, purpose));
      }
    }
    return MergedLog.open(EventConsumers.open(clients, purpose), topics, start);
  }

  /**
   * A tail that gets every record of {@code topics} the feed takes in from now on, or null while
   * the feed is not live (starting, catching up, or without Kafka).
   */
  Tail join(Collection<String> topics) {
    Set<String> wanted = Set.copyOf(topics);
    synchronized (applied) {
      if (!live) {
        return null;
      }
      Map<TopicPartition, Long> start = new LinkedHashMap<>();
      applied.forEach(
          (partition, offset) -> {
            if (wanted.contains(partition.topic())) {
              start.put(partition, offset);
            }
          });
      if (start.isEmpty()) {
        return null; // no positions (starting over): the stream reads Kafka from the end itself
      }
      Tail tail = new Tail(this, wanted, start, tailLimit);
      tails.add(tail);
      return tail;
    }
  }

  /**
   * Waits until the record at {@code offset} of {@code partition} and all before it are taken in.
   * Records of topics the projection is not built from need no wait.
   *
   * @return false if that did not happen within {@code timeout}
   */
  boolean awaitApplied(TopicPartition partition, long offset, Duration timeout)
      throws InterruptedException {
    if (!TOPICS.contains(partition.topic())) {
      return true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (applied) {
      while (applied.getOrDefault(partition, 0L) <= offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        applied.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, byte[]> opened = EventConsumers.open(clients, "projection")) {
        consumer = opened;
        follow(opened);
      } catch (WakeupException e) {
        return;
      } catch (KafkaException | IllegalStateException e) {
        if (!running) {
          return;
        }
        LOG.warn("the events projection lost Kafka; it starts over in {}", RETRY, e);
        cutAll();
        clear();
        sleep();
      } finally {
        cutAll();
      }
    }
  }

  private void follow(KafkaConsumer<String, byte[]> opened) {
    List<TopicPartition> partitions =
        KafkaClients.partitions(opened, LIVE_TOPICS, Duration.ofSeconds(60));
    opened.assign(partitions);
    opened.seekToBeginning(
        partitions.stream().filter(partition -> TOPICS.contains(partition.topic())).toList());
    opened.seekToEnd(
        partitions.stream().filter(partition -> !TOPICS.contains(partition.topic())).toList());
    Map<TopicPartition, Long> horizon = opened.endOffsets(partitions, Duration.ofSeconds(60));
    while (running) {
      ConsumerRecords<String, byte[]> records = opened.poll(Duration.ofMillis(500));
      List<LogEntry> entries = new ArrayList<>(records.count());
      for (ConsumerRecord<String, byte[]> record : records) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        LogEntry entry = MergedLog.toEntry(partition, record);
        if (entry.message() != null && TOPICS.contains(record.topic())) {
          projection.apply(record.offset(), entry.message().payload());
        }
        entries.add(entry);
      }
      Map<TopicPartition, Long> positions = new HashMap<>();
      for (TopicPartition partition : partitions) {
        positions.put(partition, opened.position(partition)); // may wait: not under the lock
      }
      synchronized (applied) {
        applied.putAll(positions);
        if (!live) {
          live = horizon.entrySet().stream().allMatch(e -> applied.get(e.getKey()) >= e.getValue());
        }
        tails.removeIf(tail -> !tail.offer(entries));
        applied.notifyAll();
      }
    }
  }

  /** Starting over: what was applied is applied again; only positions go back. */
  private void clear() {
    synchronized (applied) {
      applied.clear();
    }
  }

  /** Cuts every tail off (the feed stopped or starts over): their streams read Kafka themselves. */
  private void cutAll() {
    synchronized (applied) {
      live = false;
      tails.forEach(Tail::cut);
      tails.clear();
    }
  }

  private void leave(Tail tail) {
    synchronized (applied) {
      tails.remove(tail);
    }
  }

  private void sleep() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  @PreDestroy
  public void close() {
    running = false;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    cutAll();
  }

  /**
   * What the feed holds for one stream: the records of its topics taken in since it joined, at most
   * {@link #LIMIT}. When its reader lets more pile up, the tail is cut: it gets nothing more, and
   * its stream goes on from Kafka from the first record it did not deliver.
   */
  static final class Tail {

    /** Records a tail holds before it is cut off (a few MB at most). */
    static final int LIMIT = 4096;

    private static final LogEntry CUT =
        new LogEntry(new TopicPartition("cut", 0), -1, java.time.Instant.EPOCH, null, new byte[0]);

    private final ProjectionFeed feed;
    private final Set<String> topics;
    private final Map<TopicPartition, Long> start;
    private final int limit;
    private final LinkedBlockingQueue<LogEntry> queue = new LinkedBlockingQueue<>();
    private volatile boolean cut;

    private Tail(
        ProjectionFeed feed, Set<String> topics, Map<TopicPartition, Long> start, int limit) {
      this.feed = feed;
      this.topics = topics;
      this.start = Map.copyOf(start);
      this.limit = limit;
    }

    /** The next offset to deliver per partition when it joined. */
    Map<TopicPartition, Long> start() {
      return start;
    }

    /** Adds a batch's records of its topics; false (and cut) when that would pass the limit. */
    private boolean offer(List<LogEntry> entries) {
      for (LogEntry entry : entries) {
        if (!topics.contains(entry.partition().topic())) {
          continue;
        }
        if (queue.size() >= limit) {
          cut();
          return false;
        }
        queue.add(entry);
      }
      return true;
    }

    private void cut() {
      cut = true;
      queue.add(CUT);
    }

    /** Whether the feed gives it nothing more. */
    boolean isCut() {
      return cut;
    }

    /** The next record, or null when none came in time or the tail was cut and is drained. */
    LogEntry poll(long timeout, TimeUnit unit) throws InterruptedException {
      LogEntry entry = queue.poll(timeout, unit);
      return entry == CUT ? null : entry;
    }

    /** Stops getting records (its stream is closed). */
    void leave() {
      feed.leave(this);
      queue.clear();
    }
  }
}
