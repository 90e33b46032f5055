package io.berth.gateway.events;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * The {@code since} and {@code until} of a stream. Without {@code since} a stream shows only new
 * events (with {@code until} alone, everything up to it, as Docker answers from its buffer); with
 * {@code until} it ends once every event up to that time is delivered, waiting for the time to come
 * when it is in the future.
 */
final class EventWindow {

  private final Instant since;
  private final Instant until;
  private boolean stopping;

  EventWindow(@Nullable Instant since, @Nullable Instant until) {
    this.since = since;
    this.until = until;
  }

  /** Where a stream for this window starts when no cursor says otherwise. */
  MergedLog.Start start() {
    if (since != null) {
      return new MergedLog.Start.AtTime(since);
    }
    return until != null ? new MergedLog.Start.AtTime(Instant.EPOCH) : new MergedLog.Start.AtEnd();
  }

  /** Whether an event's time falls in the window. */
  boolean contains(Instant time) {
    return (since == null || !time.isBefore(since)) && (until == null || !time.isAfter(until));
  }

  /** Once {@code until} has passed, tells the log to stop at it (once). */
  void stopIfPast(EventLog log) {
    if (until != null && !stopping && !Instant.now().isBefore(until)) {
      log.stopAt(until);
      stopping = true;
    }
  }
}
