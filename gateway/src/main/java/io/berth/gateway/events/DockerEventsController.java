package io.berth.gateway.events;

import io.berth.gateway.docker.DockerApiException;
import io.berth.gateway.docker.FilterArgs;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.time.Duration;
import java.time.Instant;
import org.reactivestreams.Publisher;

/**
 * {@code GET /events}: Docker's event stream, read from the event topics, so {@code since} reaches
 * back over the whole retained history and a slow reader holds the stream back rather than losing
 * events.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.44/#tag/System/operation/SystemEvents">SystemEvents</a>
 */
@Controller
public class DockerEventsController {

  private final ProjectionFeed feed;
  private final Subscriptions subscriptions;
  private final Duration heartbeat;

  public DockerEventsController(
      ProjectionFeed feed,
      Subscriptions subscriptions,
      @Value("${gateway.events.heartbeat:15s}") Duration heartbeat) {
    this.feed = feed;
    this.subscriptions = subscriptions;
    this.heartbeat = heartbeat;
  }

  @Get(
      uris = {"/events", "/{apiVersion}/events"},
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<Publisher<byte[]>> events(
      @QueryValue @Nullable String since,
      @QueryValue @Nullable String until,
      @QueryValue @Nullable String filters) {
    EventWindow window = window(since, until);
    DockerEventFilter filter = new DockerEventFilter(FilterArgs.parse(filters));
    Publisher<byte[]> body =
        StreamPump.flux(
            "docker-events",
            () ->
                new DockerEventSource(
                    feed.open(DockerEvents.TOPICS, window.start(), "docker-events"),
                    feed,
                    filter,
                    window),
            heartbeat,
            subscriptions);
    return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private static EventWindow window(@Nullable String since, @Nullable String until) {
    try {
      Instant from = EventTimes.parse("since", since);
      Instant to = EventTimes.parse("until", until);
      EventTimes.checkWindow(from, to, since, until);
      return new EventWindow(from, to);
    } catch (IllegalArgumentException e) {
      throw DockerApiException.badRequest(e.getMessage());
    }
  }
}
