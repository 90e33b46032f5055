package io.berth.gateway.events;

import io.berth.events.EventCodec;
import io.berth.gateway.events.json.DockerEventMessage;
import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunks of one {@code GET /events} response: Docker's event messages, one JSON object per
 * line, for the events in the window that pass the filters, in merged order.
 */
final class DockerEventSource implements ChunkSource {

  private static final Logger LOG = LoggerFactory.getLogger(DockerEventSource.class);
  private static final Duration PROJECTION_WAIT = Duration.ofSeconds(30);
  private static final byte[] NEWLINE = {'\n'};

  private final EventLog log;
  private final ProjectionFeed feed;
  private final DockerEventFilter filter;
  private final EventWindow window;
  private final RecentIds recent = new RecentIds(4096);

  DockerEventSource(
      EventLog log, ProjectionFeed feed, DockerEventFilter filter, EventWindow window) {
    this.log = log;
    this.feed = feed;
    this.filter = filter;
    this.window = window;
  }

  @Override
  public byte[] opening() {
    return NEWLINE;
  }

  @Override
  @Nullable
  public byte[] next(Duration maxWait) throws InterruptedException {
    window.stopIfPast(log);
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Optional<LogEntry> next = log.next(Duration.ofNanos(Math.max(0, left)));
      if (next.isEmpty()) {
        return null;
      }
      LogEntry entry = next.get();
      if (recent.firstTime(entry) && window.contains(entry.time())) {
        byte[] lines = lines(describe(entry));
        if (lines.length > 0) {
          return lines;
        }
      }
      if (System.nanoTime() >= deadline) {
        return null;
      }
    }
  }

  private List<DockerEventMessage> describe(LogEntry entry) throws InterruptedException {
    if (!feed.awaitApplied(entry.partition(), entry.offset(), PROJECTION_WAIT)) {
      LOG.warn(
          "the events projection is behind {}@{}; the event is described with what it knows",
          entry.partition(),
          entry.offset());
    }
    return DockerEvents.of(entry, feed.projection()).stream().filter(filter::includes).toList();
  }

  private static byte[] lines(List<DockerEventMessage> messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (DockerEventMessage message : messages) {
        out.write(EventCodec.mapper().writeValueAsBytes(message));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public boolean finished() {
    return log.finished();
  }

  /** A lone newline: Docker clients read a JSON stream, which skips whitespace between values. */
  @Override
  public byte[] heartbeat() {
    return NEWLINE;
  }

  @Override
  public void close() {
    log.close();
  }
}
