package io.berth.messaging;

import io.berth.events.DecodingException;
import io.berth.events.Enveloped;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread of a consumer group: decodes each record, hands it to a handler, and commits
 * offsets after each batch (at least once; handlers make effects exactly once with the inbox). A
 * record that cannot be decoded, or that its handler keeps failing on, goes to the dead-letter
 * topic with the reason, and the loop carries on with the next.
 */
public final class ConsumerLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
  private static final int ATTEMPTS = 3;
  private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String groupId;
  private final MessageHandler handler;
  private final DeadLetters deadLetters;
  private final Thread thread;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final KafkaClients clients;
  private final Collection<String> topics;

  /**
   * How far this loop has handled each partition it holds: every record below the offset is done.
   * Written by the loop's thread after each batch, read by {@link #awaitCaughtUp}.
   */
  private final Map<TopicPartition, Long> handled = new ConcurrentHashMap<>();

  /** The partitions this loop holds, as of its last rebalance; written by the loop's thread. */
  private volatile Set<TopicPartition> held = Set.of();

  /** Lazily made, for {@link #awaitCaughtUp} only; guarded by {@code this}. */
  private KafkaConsumer<String, byte[]> offsetReader;

  private volatile boolean running = true;
  private volatile Throwable failure;

  /** Next offset to read per partition, for records fully processed; owned by the thread. */
  private final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();

  private boolean dirty;
  private long lastCommit = System.nanoTime();

  private ConsumerLoop(
      KafkaClients clients,
      String groupId,
      Collection<String> topics,
      MessageHandler handler,
      DeadLetters deadLetters) {
    this.consumer = clients.groupConsumer(groupId);
    this.clients = clients;
    this.topics = List.copyOf(topics);
    this.groupId = groupId;
    this.handler = handler;
    this.deadLetters = deadLetters;
    this.consumer.subscribe(List.copyOf(topics), new Rebalance());
    this.thread = new Thread(this::run, "consumer-" + groupId);
  }

  /** Starts a consumer thread in group {@code groupId} on the given topics. */
  public static ConsumerLoop start(
      KafkaClients clients,
      String groupId,
      Collection<String> topics,
      MessageHandler handler,
      DeadLetters deadLetters) {
    ConsumerLoop loop = new ConsumerLoop(clients, groupId, topics, handler, deadLetters);
    loop.thread.start();
    LOG.info("consumer group {} started on {}", groupId, KafkaClients.names(topics));
    return loop;
  }

  /** Waits until the group has given this consumer its partitions (for start-up and tests). */
  public boolean awaitAssignment(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> record : records) {
          if (!running) {
            return; // records not processed are not committed: they come again
          }
          process(record);
          processed.put(
              new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1));
          dirty = true;
        }
        noteHandled();
        commitNowAndThen();
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("consumer group {} woken unexpectedly", groupId, e);
      }
    } catch (RuntimeException | Error e) {
      failure = e;
      LOG.error("consumer group {} stopped by an error", groupId, e);
    } finally {
      try {
        if (!processed.isEmpty()) {
          consumer.commitSync(processed, Duration.ofSeconds(5));
        }
      } catch (RuntimeException e) {
        LOG.warn("consumer group {} could not commit its last offsets", groupId, e);
      }
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn("consumer group {} did not close cleanly", groupId, e);
      }
    }
  }

  /** Publishes how far each held partition is handled, and wakes whoever waits for it. */
  private void noteHandled() {
    boolean moved = false;
    for (TopicPartition partition : consumer.assignment()) {
      long position;
      try {
        position = consumer.position(partition, Duration.ZERO);
      } catch (RuntimeException e) {
        continue; // not known yet (no committed offset fetched): the next poll finds it
      }
      Long before = handled.put(partition, position);
      moved |= before == null || before != position;
    }
    if (moved) {
      synchronized (handled) {
        handled.notifyAll();
      }
    }
  }

  /**
   * Waits until this loop has handled every record that was in its topics when called, on the
   * partitions it holds: a handler that depends on state another loop keeps (a create naming an
   * image whose event is on its way) can tell "not there" from "not read yet".
   *
   * @return whether it caught up within the timeout
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!awaitAssignment(timeout)) {
      return false;
    }
    Map<TopicPartition, Long> ends =
        endOffsets(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    if (ends == null) {
      return false;
    }
    synchronized (handled) {
      while (!caughtUp(ends)) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || !running) {
          return false;
        }
        handled.wait(left);
      }
    }
    return true;
  }

  private boolean caughtUp(Map<TopicPartition, Long> ends) {
    Set<TopicPartition> mine = held;
    if (mine.isEmpty()) {
      return false; // nothing assigned yet (or being rebalanced)
    }
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (!mine.contains(end.getKey())) {
        continue; // another member of the group holds it
      }
      Long at = handled.get(end.getKey()); // null: held, but not read from yet
      if (end.getValue() > 0 && (at == null || at < end.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The end offset of every partition of the topics, or null when the loop is closed. */
  private synchronized Map<TopicPartition, Long> endOffsets(Duration timeout) {
    if (!running) {
      return null;
    }
    if (offsetReader == null) {
      offsetReader = clients.standaloneConsumer("ends-" + groupId, "read_committed");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<TopicPartition> partitions = KafkaClients.partitions(offsetReader, topics, timeout);
    return offsetReader.endOffsets(
        partitions, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
  }

  /**
   * Commits processed offsets asynchronously, at most once a second: the next poll need not wait
   * for the group coordinator, and the broker is not asked to write an offset per message. What a
   * crash loses is redelivered, which the inbox makes harmless; close() and rebalances commit
   * synchronously.
   */
  private void commitNowAndThen() {
    long now = System.nanoTime();
    if (!dirty || now - lastCommit < COMMIT_INTERVAL_NANOS) {
      return;
    }
    lastCommit = now;
    dirty = false;
    consumer.commitAsync(
        Map.copyOf(processed),
        (offsets, error) -> {
          if (error != null) {
            LOG.warn("consumer group {} could not commit offsets: {}", groupId, error.toString());
          }
        });
  }

  private void process(ConsumerRecord<String, byte[]> record) {
    Enveloped<Message> message;
    try {
      message = EventCodec.decode(Headers.toMap(record.headers()), record.value());
    } catch (DecodingException e) {
      deadLetters.send(record, groupId, e.reason().name(), e.getMessage());
      return;
    }
    if (message.payload() instanceof Query && message.envelope().isExpired(Instant.now())) {
      return; // nobody waits for the answer any more
    }
    Exception last = null;
    for (int attempt = 1; attempt <= ATTEMPTS && running; attempt++) {
      try {
        handler.handle(message);
        return;
      } catch (Exception e) {
        last = e;
        LOG.warn(
            "{} failed on {} {} (attempt {} of {})",
            groupId,
            message.envelope().type(),
            message.envelope().id(),
            attempt,
            ATTEMPTS,
            e);
      }
    }
    if (last != null && running) {
      deadLetters.send(record, groupId, "HANDLER_FAILED", String.valueOf(last));
    }
  }

  /** The group id. */
  public String groupId() {
    return groupId;
  }

  /** Why the loop stopped on its own, or null while it runs or after a clean close. */
  public Throwable failure() {
    return failure;
  }

  /** Whether the consumer thread is still polling. */
  public boolean isAlive() {
    return thread.isAlive();
  }

  /** Stops the thread after the record in hand, commits and closes the consumer. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (handled) {
      handled.notifyAll();
    }
    synchronized (this) {
      if (offsetReader != null) {
        offsetReader.close(Duration.ofSeconds(2));
        offsetReader = null;
      }
    }
  }

  /** Commits what was processed before partitions move away, and signals the first assignment. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!processed.isEmpty()) {
        try {
          consumer.commitSync(Map.copyOf(processed));
        } catch (RuntimeException e) {
          LOG.warn(
              "consumer group {} could not commit before a rebalance: {}", groupId, e.toString());
        }
        processed.clear();
        dirty = false;
      }
      partitions.forEach(handled::remove);
      held = Set.of();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      held = Set.copyOf(consumer.assignment());
      assigned.countDown();
    }
  }
}
