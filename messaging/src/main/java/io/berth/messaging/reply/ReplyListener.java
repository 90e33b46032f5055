package io.berth.messaging.reply;

import io.berth.events.DecodingException;
import io.berth.events.Envelope;
import io.berth.events.Enveloped;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.messaging.Headers;
import io.berth.messaging.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the outcome and reply topics from their end, without a consumer group (every gateway
 * instance sees every record), and completes the waiter whose request caused a record. Observers
 * may also watch every record it reads (a gateway component following containers' events). Only
 * records someone waits for are decoded, or every record while an observer is registered.
 */
public final class ReplyListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyListener.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Waiter> pending = new ConcurrentHashMap<>();
  private final List<Consumer<Enveloped<Message>>> observers = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final List<String> topics;
  private volatile boolean running = true;

  private ReplyListener(KafkaClients clients, Collection<String> topics) {
    this(clients.standaloneConsumer("replies"), topics);
  }

  /** A listener over a given consumer, not yet started (tests deliver records themselves). */
  ReplyListener(KafkaConsumer<String, byte[]> consumer, Collection<String> topics) {
    this.consumer = consumer;
    this.topics = List.copyOf(topics);
    this.thread = new Thread(this::run, "reply-listener");
    this.thread.setDaemon(true);
  }

  /**
   * Starts listening on the given topics and returns once positioned at their end, so that no reply
   * to a request sent afterwards can be missed.
   */
  public static ReplyListener start(KafkaClients clients, Collection<String> topics)
      throws InterruptedException {
    ReplyListener listener = new ReplyListener(clients, topics);
    listener.thread.start();
    if (!listener.ready.await(60, TimeUnit.SECONDS)) {
      listener.close();
      throw new IllegalStateException("reply listener could not reach Kafka within 60 s");
    }
    return listener;
  }

  /** Registers interest in the first message caused by {@code requestId}; call before sending. */
  public CompletableFuture<Enveloped<Message>> expect(String requestId) {
    return expect(requestId, message -> true);
  }

  /**
   * Registers interest in the first message caused by {@code requestId} that {@code accepts} takes
   * (an outcome, not a progress event the request also caused); call before sending.
   */
  public CompletableFuture<Enveloped<Message>> expect(
      String requestId, Predicate<Message> accepts) {
    Waiter waiter = new Waiter(new CompletableFuture<>(), accepts);
    pending.put(requestId, waiter);
    waiter.future().whenComplete((value, error) -> pending.remove(requestId, waiter));
    return waiter.future();
  }

  /**
   * Lets {@code observer} see every message read from now on, on the listener's thread, in the
   * order of each partition: it must return quickly and not block. A message that cannot be decoded
   * is skipped; an observer's exception is logged and does not reach other observers.
   *
   * @return closing it removes the observer
   */
  public AutoCloseable addObserver(Consumer<Enveloped<Message>> observer) {
    Consumer<Enveloped<Message>> registered = Objects.requireNonNull(observer, "observer")::accept;
    observers.add(registered);
    return () -> observers.remove(registered);
  }

  private record Waiter(CompletableFuture<Enveloped<Message>> future, Predicate<Message> accepts) {}

  /** Number of requests waiting, for metrics and tests. */
  public int waiting() {
    return pending.size();
  }

  private void run() {
    try {
      assignAtEnd();
      ready.countDown();
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          deliver(record);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("reply listener woken unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("reply listener stopped by an error", e);
    } finally {
      pending
          .values()
          .forEach(w -> w.future().completeExceptionally(new IllegalStateException("closed")));
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void assignAtEnd() {
    List<TopicPartition> partitions =
        KafkaClients.partitions(consumer, topics, Duration.ofSeconds(60));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve now, not lazily at the first poll
  }

  void deliver(ConsumerRecord<String, byte[]> record) {
    Enveloped<Message> message = observers.isEmpty() ? null : observe(record);
    Header causation = record.headers().lastHeader(Envelope.CAUSATION_ID);
    if (causation == null) {
      return;
    }
    Waiter waiter = pending.get(new String(causation.value(), StandardCharsets.UTF_8));
    if (waiter == null) {
      return;
    }
    try {
      if (message == null) {
        message = EventCodec.decode(Headers.toMap(record.headers()), record.value());
      }
      if (waiter.accepts().test(message.payload())) {
        waiter.future().complete(message);
      }
    } catch (DecodingException e) {
      waiter.future().completeExceptionally(e);
    }
  }

  /** Shows a record to every observer; returns it decoded, or null when it cannot be. */
  private Enveloped<Message> observe(ConsumerRecord<String, byte[]> record) {
    Enveloped<Message> message;
    try {
      message = EventCodec.decode(Headers.toMap(record.headers()), record.value());
    } catch (DecodingException e) {
      LOG.debug(
          "observers skip an undecodable record at {}-{}@{}",
          record.topic(),
          record.partition(),
          record.offset(),
          e);
      return null;
    }
    for (Consumer<Enveloped<Message>> observer : observers) {
      try {
        observer.accept(message);
      } catch (RuntimeException e) {
        LOG.warn("an observer of {} failed", message.envelope().type(), e);
      }
    }
    return message;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
