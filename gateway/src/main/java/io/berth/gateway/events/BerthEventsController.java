package io.berth.gateway.events;

import io.berth.gateway.docker.DockerApiException;
import io.berth.gateway.docker.FilterArgs;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reactivestreams.Publisher;

/**
 * {@code GET /berth/v1/events}: every event of the container, image and layer topics as Server-Sent
 * Events, resumable exactly from any event's id ({@code Last-Event-ID}, or {@code after=} for a
 * client that cannot set headers), with Docker's filters and {@code since}/{@code until}. See
 * docs/subscribing.md.
 */
@Controller("/berth/v1")
public class BerthEventsController {

  private final ProjectionFeed feed;
  private final Subscriptions subscriptions;
  private final Duration heartbeat;

  public BerthEventsController(
      ProjectionFeed feed,
      Subscriptions subscriptions,
      @Value("${gateway.events.heartbeat:15s}") Duration heartbeat) {
    this.feed = feed;
    this.subscriptions = subscriptions;
    this.heartbeat = heartbeat;
  }

  @Get(uri = "/events", produces = MediaType.TEXT_EVENT_STREAM)
  public HttpResponse<Publisher<byte[]>> events(
      @Header("Last-Event-ID") @Nullable String lastEventId,
      @QueryValue @Nullable String after,
      @QueryValue @Nullable String since,
      @QueryValue @Nullable String until,
      @QueryValue @Nullable List<String> type,
      @QueryValue @Nullable List<String> event,
      @QueryValue @Nullable List<String> container,
      @QueryValue @Nullable List<String> image,
      @QueryValue @Nullable List<String> label) {
    MergedLog.Start start;
    EventWindow window;
    BerthEventFilter filter;
    try {
      Instant from = EventTimes.parse("since", since);
      Instant to = EventTimes.parse("until", until);
      EventTimes.checkWindow(from, to, since, until);
      window = new EventWindow(from, to);
      // A browser reconnects to the same URL with the id it saw last: the header is the newer.
      String resume = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
      start = resume != null ? new MergedLog.Start.AtCursor(Cursor.decode(resume)) : window.start();
      filter = new BerthEventFilter(filters(type, event, container, image, label));
    } catch (IllegalArgumentException e) {
      throw DockerApiException.badRequest(e.getMessage());
    }
    Publisher<byte[]> body =
        StreamPump.flux(
            "berth-events",
            () ->
                new BerthEventSource(
                    feed.open(Cursor.TOPICS, start, "berth-events"), feed, filter, window),
            heartbeat,
            subscriptions);
    return HttpResponse.ok(body)
        .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
        .header("Cache-Control", "no-cache");
  }

  private static FilterArgs filters(
      @Nullable List<String> type,
      @Nullable List<String> event,
      @Nullable List<String> container,
      @Nullable List<String> image,
      @Nullable List<String> label) {
    Map<String, Set<String>> fields = new LinkedHashMap<>();
    put(fields, "type", type);
    put(fields, "event", event);
    put(fields, "container", container);
    put(fields, "image", image);
    put(fields, "label", label);
    return new FilterArgs(fields);
  }

  private static void put(
      Map<String, Set<String>> fields, String key, @Nullable List<String> values) {
    if (values != null && !values.isEmpty()) {
      fields.put(key, Set.copyOf(values));
    }
  }
}
