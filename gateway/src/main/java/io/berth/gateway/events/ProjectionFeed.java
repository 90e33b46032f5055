package io.berth.gateway.events;

import io.berth.events.DecodingException;
import io.berth.events.EventCodec;
import io.berth.events.Topic;
import io.berth.messaging.Headers;
import io.berth.messaging.KafkaClients;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link Projection} current: one thread reads the container and image event topics from
 * their beginning and on, live. A stream about to describe a record first waits until the feed has
 * taken in that record's partition up to it, so it sees everything the record's own earlier events
 * said. Started with the gateway, so that it has caught up before the first subscriber comes.
 */
@Context
public class ProjectionFeed implements AutoCloseable {

  static final List<String> TOPICS =
      List.of(Topic.CONTAINER_EVENTS.topicName(), Topic.IMAGE_EVENTS.topicName());

  private static final Logger LOG = LoggerFactory.getLogger(ProjectionFeed.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final Projection projection = new Projection();
  private final Map<TopicPartition, Long> applied = new HashMap<>();
  private final KafkaClients clients;
  private final Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running = true;

  public ProjectionFeed(KafkaClients clients) {
    this.clients = clients;
    this.thread = new Thread(this::run, "events-projection");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** The projection; read it for a record only after {@link #awaitApplied} said yes. */
  Projection projection() {
    return projection;
  }

  /**
   * Waits until the record at {@code offset} of {@code partition} and all before it are taken in.
   * Records of other topics need no wait.
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
        clear();
        sleep();
      }
    }
  }

  private void follow(KafkaConsumer<String, byte[]> opened) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : TOPICS) {
      for (PartitionInfo info : opened.partitionsFor(topic, Duration.ofSeconds(60))) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    opened.assign(partitions);
    opened.seekToBeginning(partitions);
    while (running) {
      for (ConsumerRecord<String, byte[]> record : opened.poll(Duration.ofMillis(500))) {
        try {
          projection.apply(
              record.offset(),
              EventCodec.decode(Headers.toMap(record.headers()), record.value()).payload());
        } catch (DecodingException e) {
          LOG.debug(
              "the events projection skips {}-{}@{}",
              record.topic(),
              record.partition(),
              record.offset(),
              e);
        }
      }
      synchronized (applied) {
        for (TopicPartition partition : partitions) {
          applied.put(partition, opened.position(partition));
        }
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
  }
}
