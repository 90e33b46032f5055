package io.berth.gateway.events;

import io.berth.gateway.events.json.CloudEventJson;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunks of one {@code GET /berth/v1/events} response, in the Server-Sent Events format: per
 * event its cursor as {@code id}, its CloudEvents type as {@code event} and the event in the
 * CloudEvents JSON format as {@code data}. The stream opens with an {@code id} alone, the position
 * it starts from, so that a client that loses the connection before the first event resumes from
 * there; a comment every so often keeps an idle connection open.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html">Server-sent
 *     events</a>
 */
final class BerthEventSource implements ChunkSource {

  private static final Logger LOG = LoggerFactory.getLogger(BerthEventSource.class);
  private static final Duration PROJECTION_WAIT = Duration.ofSeconds(30);

  private final EventLog log;
  private final ProjectionFeed feed;
  private final BerthEventFilter filter;
  private final EventWindow window;
  private final RecentIds recent = new RecentIds(4096);

  BerthEventSource(EventLog log, ProjectionFeed feed, BerthEventFilter filter, EventWindow window) {
    this.log = log;
    this.feed = feed;
    this.filter = filter;
    this.window = window;
  }

  @Override
  public byte[] opening() {
    return utf8(": berth events\nid: " + log.cursor().encode() + "\n\n");
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
      if (recent.firstTime(entry) && window.contains(entry.time()) && passes(entry)) {
        return utf8(
            "id: "
                + log.cursor().encode()
                + "\nevent: "
                + entry.message().envelope().type()
                + "\ndata: "
                + CloudEventJson.of(
                    entry.message().envelope(),
                    entry.partition().topic(),
                    entry.partition().partition(),
                    entry.offset(),
                    entry.value())
                + "\n\n");
      }
      if (System.nanoTime() >= deadline) {
        return null;
      }
    }
  }

  private boolean passes(LogEntry entry) throws InterruptedException {
    if (filter.needsProjection()
        && !feed.awaitApplied(entry.partition(), entry.offset(), PROJECTION_WAIT)) {
      LOG.warn("the events projection is behind {}@{}", entry.partition(), entry.offset());
    }
    return filter.includes(entry, feed.projection());
  }

  @Override
  public boolean finished() {
    return log.finished();
  }

  @Override
  public byte[] heartbeat() {
    return utf8(": heartbeat\n\n");
  }

  @Override
  public void close() {
    log.close();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
