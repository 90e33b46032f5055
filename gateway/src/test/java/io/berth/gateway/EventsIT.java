package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.container.ContainerStarted;
import io.berth.gateway.events.ContainerHistoryConsumer;
import io.berth.launcher.BerthService;
import io.berth.launcher.Platform;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Subscribing to Berth's events with the clients people use: the stock {@code docker events}
 * (history with {@code --since}/{@code --until}, live, filters, and history that survives a gateway
 * restart), Berth's Server-Sent Events API (exact resume, a slow reader), and a plain Kafka
 * consumer decoding the topics with event-schemas. Everything runs for real.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Platform berth;
  private static String host;
  private static URI gateway;
  private static Instant t0;
  private static String webId;

  @BeforeAll
  static void startBerth() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "containers need root (namespaces)");
    Path data = Files.createTempDirectory("berth-events-it");
    Path work = Files.createTempDirectory("berth-events-work");
    berth =
        Platform.builder(Platform.findRepoRoot(), data)
            .freePorts()
            .startupTimeout(Duration.ofSeconds(240))
            .start();
    host = berth.dockerHost();
    gateway = berth.url(BerthService.GATEWAY);
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
    Path tar = ImageFixtures.tarOf(rootfs, work.resolve("busybox.tar"));
    assertThat(docker(host, "import", tar.toString(), "busybox:latest").exitCode()).isZero();
    t0 = Instant.now();
    Fixtures.CliResult run =
        docker(
            host, "run", "--name", "ev-web", "--label", "app=web", "busybox", "sh", "-c", "exit 3");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
    webId = docker(host, "inspect", "--format", "{{.Id}}", "ev-web").output();
    assertThat(docker(host, "rm", "ev-web").exitCode()).isZero();
  }

  @AfterAll
  static void stopBerth() {
    if (berth != null) {
      berth.close();
    }
  }

  @Test
  @Order(1)
  void dockerEventsListsAContainersLifecycleInOrderWithDockersFields() throws Exception {
    List<JsonNode> events = dockerEvents("--filter", "container=ev-web");

    assertThat(events)
        .extracting(e -> e.path("Action").asText())
        .containsExactly("create", "start", "die", "destroy");
    for (JsonNode event : events) {
      assertThat(event.path("Type").asText()).isEqualTo("container");
      assertThat(event.path("status").asText()).isEqualTo(event.path("Action").asText());
      assertThat(event.path("id").asText()).isEqualTo(webId);
      assertThat(event.path("from").asText()).isEqualTo("busybox");
      assertThat(event.path("scope").asText()).isEqualTo("local");
      assertThat(event.path("Actor").path("ID").asText()).isEqualTo(webId);
      JsonNode attributes = event.path("Actor").path("Attributes");
      assertThat(attributes.path("name").asText()).isEqualTo("ev-web");
      assertThat(attributes.path("image").asText()).isEqualTo("busybox");
      assertThat(attributes.path("app").asText()).isEqualTo("web");
      long time = event.path("time").asLong();
      assertThat(event.path("timeNano").asLong() / 1_000_000_000L).isEqualTo(time);
      assertThat(time).isBetween(t0.getEpochSecond(), Instant.now().getEpochSecond());
    }
    assertThat(events.get(2).path("Actor").path("Attributes").path("exitCode").asText())
        .isEqualTo("3");
    assertThat(events).extracting(e -> e.path("timeNano").asLong()).isSorted();
  }

  @Test
  @Order(2)
  void filtersByEventLabelAndType() throws Exception {
    assertThat(dockerEvents("--filter", "container=ev-web", "--filter", "event=die"))
        .extracting(e -> e.path("Action").asText())
        .containsExactly("die");
    assertThat(dockerEvents("--filter", "label=app=web"))
        .extracting(e -> e.path("Actor").path("Attributes").path("name").asText())
        .containsOnly("ev-web")
        .hasSize(4);
    assertThat(dockerEvents("--filter", "container=no-such-container")).isEmpty();

    assertThat(docker(host, "tag", "busybox", "ev-tag:1").exitCode()).isZero();
    List<JsonNode> images = dockerEvents("--filter", "type=image");
    assertThat(images).extracting(e -> e.path("Action").asText()).containsExactly("tag");
    JsonNode tag = images.get(0);
    assertThat(tag.path("Actor").path("ID").asText()).startsWith("sha256:");
    assertThat(tag.path("Actor").path("Attributes").path("name").asText()).isEqualTo("ev-tag:1");
    assertThat(dockerEvents("--filter", "image=ev-tag")).hasSize(1);
  }

  @Test
  @Order(2)
  void anUntilInTheFutureIsWaitedForThenTheStreamEnds() throws Exception {
    long started = System.nanoTime();
    Fixtures.CliResult result =
        docker(
            host,
            "events",
            "--since",
            seconds(t0),
            "--until",
            seconds(Instant.now().plusSeconds(4)),
            "--filter",
            "container=ev-web",
            "--format",
            "{{.Action}}");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output().lines().filter(l -> !l.isBlank()))
        .containsExactly("create", "start", "die", "destroy");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(3));
  }

  @Test
  @Order(2)
  void malformedParametersAreRefusedWithAClearMessage() throws Exception {
    var since = Fixtures.get(gateway, "/v1.44/events?since=yesterday");
    assertThat(since.statusCode()).isEqualTo(400);
    assertThat(since.body()).contains("invalid since timestamp: yesterday");
    var window = Fixtures.get(gateway, "/events?since=20&until=10");
    assertThat(window.statusCode()).isEqualTo(400);
    assertThat(window.body()).contains("cannot be after `until` time");
    var after = Fixtures.get(gateway, "/berth/v1/events?after=garbage!");
    assertThat(after.statusCode()).isEqualTo(400);
    assertThat(after.body()).contains("not an event id");
    var type = Fixtures.get(gateway, "/berth/v1/events?type=volume");
    assertThat(type.statusCode()).isEqualTo(400);
    assertThat(type.body()).contains("invalid filter 'type=volume'");
  }

  @Test
  @Order(3)
  void aLiveSubscriberSeesEventsAsTheyHappen() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "docker", "events", "--format", "{{json .}}", "--filter", "container=ev-live")
            .redirectErrorStream(true);
    builder.environment().put("DOCKER_HOST", host);
    Process subscriber = builder.start();
    List<JsonNode> seen = Collections.synchronizedList(new ArrayList<>());
    Thread reader = readLines(subscriber, seen);
    try {
      // The subscriber starts at the end of the topics: keep making events until it shows one.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () -> {
                docker(host, "run", "--rm", "--name", "ev-live", "busybox", "true");
                return !seen.isEmpty();
              });
      assertThat(subscriber.isAlive()).isTrue();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(seen.stream().map(e -> e.path("Action").asText()).toList())
                      .containsSubsequence("create", "start", "die", "destroy"));
    } finally {
      subscriber.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      reader.join(5_000);
    }
  }

  @Test
  @Order(4)
  void theSseStreamResumesExactlyAfterTheLastEventId() throws Exception {
    Instant until = Instant.now();
    String query = "?since=" + seconds(t0) + "&until=" + seconds(until);
    List<SseStream.Event> full = readAll(query, null);
    assertThat(full.size()).isGreaterThan(8);
    assertThat(full)
        .extracting(SseStream.Event::type)
        .contains(
            "io.berth.container.Created", "io.berth.container.Died", "io.berth.container.Removed");

    List<SseStream.Event> resumed = new ArrayList<>();
    String lastId;
    try (SseStream first = SseStream.open(gateway.resolve("/berth/v1/events" + query), null)) {
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.contentType()).startsWith("text/event-stream");
      for (int i = 0; i < 5; i++) {
        resumed.add(first.next());
      }
      lastId = first.lastId();
    }
    resumed.addAll(readAll(query, lastId));

    assertThat(ids(resumed)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(full));
  }

  @Test
  @Order(5)
  void theOpeningIdResumesFromWhereTheStreamStarted() throws Exception {
    String opening;
    try (SseStream stream =
        SseStream.open(gateway.resolve("/berth/v1/events?container=ev-gap"), null)) {
      opening = stream.opening();
    }
    assertThat(opening).isNotBlank();
    docker(host, "run", "--rm", "--name", "ev-gap", "busybox", "true");
    try (SseStream stream =
        SseStream.open(gateway.resolve("/berth/v1/events?container=ev-gap"), opening)) {
      List<String> types = new ArrayList<>();
      while (!types.contains("io.berth.container.Removed")) {
        types.add(stream.next().type());
      }
      assertThat(types)
          .containsSubsequence(
              "io.berth.container.Created",
              "io.berth.container.Started",
              "io.berth.container.Died",
              "io.berth.container.Removed");
    }
  }

  @Test
  @Order(6)
  void aSlowSseReaderReceivesEveryEvent() throws Exception {
    Instant start = Instant.now();
    String query = "?since=" + seconds(start) + "&type=container";
    List<SseStream.Event> slow = Collections.synchronizedList(new ArrayList<>());
    try (SseStream stream = SseStream.open(gateway.resolve("/berth/v1/events" + query), null)) {
      Thread reader =
          new Thread(
              () -> {
                try {
                  SseStream.Event event;
                  while ((event = stream.next()) != null) {
                    slow.add(event);
                    Thread.sleep(200); // the reader is deliberately slow
                  }
                } catch (Exception e) {
                  // closed by the test
                }
              });
      reader.start();
      for (int i = 0; i < 6; i++) {
        assertThat(docker(host, "run", "--rm", "busybox", "true").exitCode()).isZero();
      }
      Instant until = Instant.now();
      List<SseStream.Event> all =
          readAll(
              "?since=" + seconds(start) + "&until=" + seconds(until) + "&type=container", null);
      assertThat(all.size()).isGreaterThanOrEqualTo(6 * 4);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(ids(slow)).containsAll(ids(all)));
      assertThat(ids(slow)).doesNotHaveDuplicates();
      stream.close();
      reader.join(5_000);
    }
  }

  @Test
  @Order(7)
  void aKafkaConsumerDecodesAContainersHistoryWithEventSchemas() {
    try (ContainerHistoryConsumer consumer =
        new ContainerHistoryConsumer(berth.bootstrapServers())) {
      List<Enveloped<Message>> history = consumer.history(webId);
      assertThat(history)
          .extracting(e -> e.payload().getClass().getSimpleName())
          .containsSubsequence(
              ContainerCreated.class.getSimpleName(),
              ContainerStarted.class.getSimpleName(),
              ContainerDied.class.getSimpleName(),
              ContainerRemoved.class.getSimpleName());
      assertThat(history)
          .map(Enveloped::payload)
          .filteredOn(ContainerDied.class::isInstance)
          .singleElement()
          .extracting(p -> ((ContainerDied) p).exitCode())
          .isEqualTo(3);
    }
  }

  @Test
  @Order(8)
  void sinceReachesBackAcrossAGatewayRestart() throws Exception {
    berth.restart(BerthService.GATEWAY);
    assertThat(dockerEvents("--filter", "container=ev-web"))
        .extracting(e -> e.path("Action").asText())
        .containsExactly("create", "start", "die", "destroy");
  }

  /** {@code docker events --since t0 --until now --format '{{json .}}'} with extra arguments. */
  private static List<JsonNode> dockerEvents(String... filters) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "events",
                "--since",
                seconds(t0),
                "--until",
                seconds(Instant.now()),
                "--format",
                "{{json .}}"));
    args.addAll(List.of(filters));
    Fixtures.CliResult result = docker(host, args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.output()).isZero();
    List<JsonNode> events = new ArrayList<>();
    for (String line : result.output().lines().filter(l -> !l.isBlank()).toList()) {
      events.add(JSON.readTree(line));
    }
    return events;
  }

  private static List<SseStream.Event> readAll(String query, String lastEventId) throws Exception {
    List<SseStream.Event> events = new ArrayList<>();
    try (SseStream stream =
        SseStream.open(gateway.resolve("/berth/v1/events" + query), lastEventId)) {
      assertThat(stream.status()).isEqualTo(200);
      SseStream.Event event;
      while ((event = stream.next()) != null) {
        events.add(event);
      }
    }
    return events;
  }

  private static List<String> ids(List<SseStream.Event> events) throws Exception {
    List<String> ids = new ArrayList<>();
    for (SseStream.Event event : new ArrayList<>(events)) {
      ids.add(JSON.readTree(event.data()).path("id").asText());
    }
    return ids;
  }

  private static String seconds(Instant time) {
    return time.getEpochSecond() + "." + String.format("%09d", time.getNano());
  }

  private static Thread readLines(Process process, List<JsonNode> into) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.startsWith("{")) {
                    into.add(JSON.readTree(line));
                  }
                }
              } catch (Exception e) {
                // the process ended
              }
            });
    thread.start();
    return thread;
  }
}
