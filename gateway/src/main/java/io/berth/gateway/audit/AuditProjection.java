package io.berth.gateway.audit;

import io.berth.events.DecodingException;
import io.berth.events.Envelope;
import io.berth.events.Topic;
import io.berth.messaging.KafkaClients;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects the audit topic, the command topics and the event topics into the audit tables, from the
 * beginning. It reads every partition itself (no consumer group): the offsets it has projected are
 * stored with the rows, in the same transaction, so a restart resumes exactly where the tables stop
 * and {@link #rebuild()} starts again from offset 0.
 */
@Context
public class AuditProjection implements AutoCloseable {

  /** Every topic the audit history is made of. */
  static final List<Topic> TOPICS =
      List.of(
          Topic.AUDIT,
          Topic.CONTAINER_COMMANDS,
          Topic.CONTAINER_EVENTS,
          Topic.IMAGE_COMMANDS,
          Topic.IMAGE_EVENTS,
          Topic.LAYER_COMMANDS,
          Topic.LAYER_EVENTS,
          Topic.VOLUME_COMMANDS,
          Topic.VOLUME_EVENTS);

  private static final Logger LOG = LoggerFactory.getLogger(AuditProjection.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final AuditStore store;
  private final KafkaConsumer<String, byte[]> consumer;
  private final AtomicReference<CompletableFuture<Void>> rebuild = new AtomicReference<>();
  private final Thread thread;

  /** Per partition, the ordering time of the last row projected (see {@code ordered_at}). */
  private final Map<TopicPartition, Instant> lastOrdered = new HashMap<>();

  private volatile boolean running = true;

  AuditProjection(AuditStore store, KafkaClients clients) {
    this.store = store;
    this.consumer = clients.standaloneConsumer("audit-projection");
    this.thread = new Thread(this::run, "audit-projection");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Drops the projection and replays it from the beginning of every topic.
   *
   * @return completes once the tables are empty and the replay has begun
   */
  public CompletableFuture<Void> rebuild() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture<Void> pending = rebuild.getAndSet(done);
    if (pending != null) {
      done.whenComplete((ok, error) -> pending.complete(null));
    }
    return done;
  }

  private void run() {
    try {
      while (running && !assigned()) {
        LOG.warn("the audit projection waits for Kafka");
      }
      while (running) {
        CompletableFuture<Void> reset = rebuild.getAndSet(null);
        if (reset != null) {
          store.clear();
          lastOrdered.clear();
          consumer.seekToBeginning(consumer.assignment());
          LOG.info("audit projection dropped; replaying from the beginning");
          reset.complete(null);
        }
        project(poll());
      }
    } catch (RuntimeException e) {
      if (running) {
        LOG.error("the audit projection stopped", e);
      }
    } finally {
      consumer.close();
    }
  }

  private ConsumerRecords<String, byte[]> poll() {
    try {
      return consumer.poll(POLL);
    } catch (WakeupException e) {
      return ConsumerRecords.empty();
    }
  }

  private boolean assigned() {
    try {
      assignAll();
      return true;
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      return false;
    }
  }

  /** Assigns every partition of the audit's topics, resuming at the stored offsets. */
  private void assignAll() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic topic : TOPICS) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.topicName());
      if (infos == null || infos.isEmpty()) {
        LOG.warn("topic {} does not exist; the audit projection skips it", topic.topicName());
        continue;
      }
      infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> offsets = store.offsets();
    for (TopicPartition partition : partitions) {
      Long next = offsets.get(partition);
      if (next == null) {
        consumer.seekToBeginning(List.of(partition));
      } else {
        consumer.seek(partition, next);
      }
    }
  }

  private void project(ConsumerRecords<String, byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    List<AuditRow> rows = new ArrayList<>(records.count());
    Map<TopicPartition, Long> next = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      next.put(partition, record.offset() + 1);
      try {
        Envelope envelope = Envelope.fromHeaders(headers(record));
        Instant previous =
            lastOrdered.containsKey(partition)
                ? lastOrdered.get(partition)
                : store.lastOrderedAt(partition);
        AuditRow row =
            AuditRow.of(
                record.topic(),
                record.partition(),
                record.offset(),
                envelope,
                record.value(),
                previous);
        lastOrdered.put(partition, row.orderedAt());
        rows.add(row);
      } catch (DecodingException | IllegalArgumentException | UncheckedIOException e) {
        LOG.warn(
            "audit projection skips {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage());
      }
    }
    store.append(rows, next);
  }

  private static Map<String, byte[]> headers(ConsumerRecord<String, byte[]> record) {
    Map<String, byte[]> headers = new HashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), header.value());
    }
    return headers;
  }

  @Override
  @PreDestroy
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
