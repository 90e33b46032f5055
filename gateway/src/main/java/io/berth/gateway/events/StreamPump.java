package io.berth.gateway.events;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Runs a {@link ChunkSource} on a thread of its own and hands its chunks to the HTTP response only
 * as fast as the client takes them: the server requests a chunk when the connection can take one,
 * and the source is read (and so Kafka polled) only while such a request is open. A slow reader
 * therefore holds back the stream instead of losing events, and nothing piles up in memory.
 */
final class StreamPump implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamPump.class);
  private static final Duration MAX_POLL = Duration.ofMillis(500);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final FluxSink<byte[]> sink;
  private final Callable<ChunkSource> opener;
  private final Duration heartbeat;
  private final Subscriptions subscriptions;
  private final Object lock = new Object();
  private long demand;
  private boolean cancelled;
  private boolean ending;

  private StreamPump(
      FluxSink<byte[]> sink,
      Callable<ChunkSource> opener,
      Duration heartbeat,
      Subscriptions subscriptions) {
    this.sink = sink;
    this.opener = opener;
    this.heartbeat = heartbeat;
    this.subscriptions = subscriptions;
  }

  /**
   * A response body that opens the source when the server subscribes and closes it when the stream
   * completes or the client goes away.
   */
  static Flux<byte[]> flux(
      String name, Callable<ChunkSource> opener, Duration heartbeat, Subscriptions subscriptions) {
    return Flux.create(
        sink -> {
          StreamPump pump = new StreamPump(sink, opener, heartbeat, subscriptions);
          sink.onRequest(pump::request);
          sink.onDispose(pump::cancel);
          Thread thread = new Thread(pump, name + "-" + SEQUENCE.incrementAndGet());
          thread.setDaemon(true);
          thread.start();
        });
  }

  @Override
  public void run() {
    subscriptions.add(this);
    try (ChunkSource source = opener.call()) {
      send(source.opening());
      long lastSent = System.nanoTime();
      Duration poll = heartbeat.compareTo(MAX_POLL) < 0 ? heartbeat : MAX_POLL;
      while (awaitDemand()) {
        byte[] chunk = source.next(poll);
        if (chunk != null) {
          send(chunk);
          lastSent = System.nanoTime();
        } else if (source.finished()) {
          break;
        } else if (System.nanoTime() - lastSent >= heartbeat.toNanos()) {
          send(source.heartbeat());
          lastSent = System.nanoTime();
        }
      }
      sink.complete();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sink.complete();
    } catch (Exception e) {
      if (!isCancelled()) {
        LOG.warn("an event stream failed", e);
        sink.error(e);
      }
    } finally {
      subscriptions.remove(this);
    }
  }

  /** Ends the stream as if it were complete (the gateway is shutting down). */
  void end() {
    synchronized (lock) {
      ending = true;
      lock.notifyAll();
    }
  }

  private void request(long n) {
    synchronized (lock) {
      demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      lock.notifyAll();
    }
  }

  private void cancel() {
    synchronized (lock) {
      cancelled = true;
      lock.notifyAll();
    }
  }

  private boolean isCancelled() {
    synchronized (lock) {
      return cancelled;
    }
  }

  /** Waits until the client can take a chunk; false when the stream is to stop instead. */
  private boolean awaitDemand() throws InterruptedException {
    synchronized (lock) {
      while (demand == 0 && !cancelled && !ending) {
        lock.wait();
      }
      return !cancelled && !ending;
    }
  }

  private void send(byte[] chunk) throws InterruptedException {
    if (chunk.length == 0 || !awaitDemand()) {
      return;
    }
    synchronized (lock) {
      demand--;
    }
    sink.next(chunk);
  }
}
