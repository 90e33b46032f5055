package io.berth.gateway.events;

import java.time.Duration;

/**
 * A blocking source of the chunks of one streamed response, read by one {@link StreamPump} thread
 * only when the client can take more.
 */
interface ChunkSource extends AutoCloseable {

  /** What to send first, once the source is open. */
  byte[] opening();

  /**
   * The next chunk, waiting up to {@code maxWait} for one.
   *
   * @return null when none came in time
   */
  byte[] next(Duration maxWait) throws InterruptedException;

  /** Whether the stream is complete: nothing more will come. */
  boolean finished();

  /** What to send when nothing was sent for a while, to keep the connection alive. */
  byte[] heartbeat();

  @Override
  void close();
}
