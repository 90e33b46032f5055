package io.berth.gateway.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The records of some event topics as one stream reads them, one at a time: a {@link MergedLog}
 * reading Kafka at its reader's pace, or a {@link LiveLog} fed from the gateway's one live read.
 *
 * <p>Not thread-safe: one thread reads it.
 */
interface EventLog extends AutoCloseable {

  /**
   * The next record, waiting up to {@code maxWait} for one.
   *
   * @return empty when none came within {@code maxWait}, or when {@link #finished()}
   */
  Optional<LogEntry> next(Duration maxWait) throws InterruptedException;

  /** Where this stream stands: what {@link #next} delivered so far, per partition. */
  Cursor cursor();

  /**
   * From now on, reads no further than the records published up to {@code until}; {@link
   * #finished()} tells when they are all delivered.
   */
  void stopAt(Instant until);

  /** Whether a stop was set and every record before it has been delivered. */
  boolean finished();

  @Override
  void close();
}
