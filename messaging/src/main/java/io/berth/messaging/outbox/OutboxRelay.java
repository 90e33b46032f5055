package io.berth.messaging.outbox;

import io.berth.messaging.MessagePublisher;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox in insertion order with the idempotent producer, then deletes what the
 * broker acknowledged. A crash between publish and delete publishes a row again after restart, with
 * the same message id, which consumers' inboxes ignore: Kafka is at least once, effects are exactly
 * once.
 */
@Context
@Requires(property = "berth.outbox.relay", notEquals = "false")
public class OutboxRelay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 200;
  private static final long IDLE_WAIT_MS = 1_000;

  private final OutboxRepository repository;
  private final MessagePublisher publisher;
  private final OutboxSignal signal;
  private final boolean haltBeforePublish;
  private final Thread thread;
  private volatile boolean running = true;

  public OutboxRelay(
      OutboxRepository repository,
      MessagePublisher publisher,
      OutboxSignal signal,
      @Value("${berth.fault.halt-before-publish:false}") boolean haltBeforePublish) {
    this.repository = repository;
    this.publisher = publisher;
    this.signal = signal;
    this.haltBeforePublish = haltBeforePublish;
    this.thread = new Thread(this::run, "outbox-relay");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    while (running) {
      try {
        if (relayBatch() < BATCH) {
          signal.await(IDLE_WAIT_MS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("outbox relay failed, retrying", e);
          sleepQuietly(500);
        }
      }
    }
  }

  /** Publishes one batch; returns how many rows it published. */
  int relayBatch() throws InterruptedException {
    long started = System.nanoTime();
    List<OutboxRow> rows = repository.findOldest(BATCH);
    if (rows.isEmpty()) {
      return 0;
    }
    if (haltBeforePublish) {
      // Fault injection for tests: die the hardest way between the outbox write and the publish.
      LOG.error("berth.fault.halt-before-publish is set: halting with {} unpublished", rows.size());
      Runtime.getRuntime().halt(137);
    }
    List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
    for (OutboxRow row : rows) {
      acks.add(publisher.publish(Outbox.toMessage(row)));
    }
    try {
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("publishing the outbox failed", e);
    }
    long acked = System.nanoTime();
    repository.deleteBySeqIn(rows.stream().map(OutboxRow::seq).toList());
    if (LOG.isTraceEnabled()) {
      LOG.trace(
          "relayed {} in {} µs (published and acknowledged in {} µs)",
          rows.size(),
          (System.nanoTime() - started) / 1000,
          (acked - started) / 1000);
    }
    return rows.size();
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops after the batch in hand; rows left are published after the next start. */
  @PreDestroy
  @Override
  public void close() {
    running = false;
    signal.wake();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
