package io.berth.gateway;

import static io.berth.gateway.Fixtures.delete;
import static io.berth.gateway.Fixtures.get;
import static io.berth.gateway.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.CommandFailed;
import io.berth.events.EncodedMessage;
import io.berth.events.Envelope;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Topic;
import io.berth.events.container.ContainerCreateRequested;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerIds;
import io.berth.launcher.BerthService;
import io.berth.launcher.Platform;
import io.berth.launcher.ServiceProcess;
import io.berth.messaging.KafkaClients;
import io.berth.messaging.MessagePublisher;
import io.berth.messaging.TestSupport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A service that crashed halfway, and a service that is down: nothing is lost, nothing happens
 * twice, and a request that times out leaves nothing half done.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureIT {

  private static final String HALT = "BERTH_FAULT_HALT_BEFORE_PUBLISH";

  private static Platform berth;
  private static URI gateway;

  @BeforeAll
  static void startBerth() throws Exception {
    berth =
        Platform.builder(Platform.findRepoRoot(), Files.createTempDirectory("berth-failure-it"))
            .freePorts()
            .env(BerthService.GATEWAY, "BERTH_REQUEST_TIMEOUT", "2s")
            .env(BerthService.GATEWAY, "BERTH_QUERY_TIMEOUT", "3s")
            .startupTimeout(Duration.ofSeconds(120))
            .start();
    gateway = berth.url(BerthService.GATEWAY);
    Fixtures.announceImage(berth.bootstrapServers(), "failure:1");
    // The container-service learns the image asynchronously; a probe create tells when it has.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> post(gateway, "/v1.44/containers/create?name=probe", "{\"Image\":\"failure:1\"}"),
            response -> response.statusCode() == 201);
    assertThat(delete(gateway, "/v1.44/containers/probe").statusCode()).isEqualTo(204);
  }

  @AfterAll
  static void stopBerth() {
    if (berth != null) {
      berth.close();
    }
  }

  @Test
  @Order(1)
  void anEventWrittenToTheOutboxArrivesExactlyOnceAfterACrashBeforeItsPublish() throws Exception {
    ServiceProcess doomed = berth.restart(BerthService.CONTAINER_SERVICE, Map.of(HALT, "true"));
    String containerId = ContainerIds.newId();
    EncodedMessage command =
        EventCodec.encodeFirst(
            URI.create("/berth/test/failure-it"),
            new ContainerCreateRequested(containerId, "survivor", "failure:1", null, null));
    String commandId = TestSupport.header(command, Envelope.ID);
    publish(command);

    // The service commits the container and its outbox row, then halts before publishing.
    assertThat(doomed.waitForExit(Duration.ofSeconds(60)))
        .as("container-service halted")
        .hasValue(137);
    assertThat(outcomesOf(commandId, Duration.ofSeconds(1))).isEmpty();

    berth.start(BerthService.CONTAINER_SERVICE, Map.of(HALT, "false"));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !outcomesOf(commandId, Duration.ofMillis(300)).isEmpty());
    List<ConsumerRecord<String, byte[]>> outcomes = outcomesOf(commandId, Duration.ofSeconds(3));
    assertThat(outcomes).as("published exactly once").hasSize(1);
    assertThat(TestSupport.decode(outcomes.get(0)).payload())
        .isInstanceOfSatisfying(
            ContainerCreated.class, created -> assertThat(created.name()).isEqualTo("survivor"));

    // The same command delivered again (same message id) has no second effect.
    publish(command);
    assertThat(outcomesOf(commandId, Duration.ofSeconds(3))).hasSize(1);
    HttpResponse<String> conflict =
        post(gateway, "/v1.44/containers/create?name=survivor", "{\"Image\":\"failure:1\"}");
    assertThat(conflict.statusCode()).as("the container exists, once").isEqualTo(409);
    assertThat(delete(gateway, "/v1.44/containers/survivor").statusCode()).isEqualTo(204);
  }

  @Test
  @Order(2)
  void aRequestThatTimesOutAnswers504AndTheLateCommandIsRefusedWithoutEffect() throws Exception {
    long before = json(get(gateway, "/info")).path("Containers").asLong();
    berth.stop(BerthService.CONTAINER_SERVICE);

    long started = System.nanoTime();
    HttpResponse<String> timedOut =
        post(gateway, "/v1.44/containers/create?name=too-late", "{\"Image\":\"failure:1\"}");
    Duration waited = Duration.ofNanos(System.nanoTime() - started);

    assertThat(timedOut.statusCode()).isEqualTo(504);
    assertThat(json(timedOut).path("message").asText())
        .contains("io.berth.container.CreateRequested")
        .contains("2000 ms");
    assertThat(waited).isLessThan(Duration.ofSeconds(10));
    String commandId = commandIdOf("too-late");

    berth.start(BerthService.CONTAINER_SERVICE);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !outcomesOf(commandId, Duration.ofMillis(300)).isEmpty());
    List<ConsumerRecord<String, byte[]>> outcomes = outcomesOf(commandId, Duration.ofSeconds(2));
    assertThat(outcomes).hasSize(1);
    CommandFailed refused = (CommandFailed) TestSupport.decode(outcomes.get(0)).payload();
    assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(refused.message()).contains("nothing was done");
    assertThat(json(get(gateway, "/info")).path("Containers").asLong()).isEqualTo(before);
    assertThat(delete(gateway, "/v1.44/containers/too-late").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(3)
  void aCreateThatOvertakesItsImageEventWaitsForItInsteadOfFailing() throws Exception {
    berth.stop(BerthService.CONTAINER_SERVICE);
    // While the service is down, a backlog of image events builds up, the last one announcing the
    // image; the create that names it comes after it, as a `docker run` after `docker build`.
    for (int i = 0; i < 40; i++) {
      Fixtures.announceImage(berth.bootstrapServers(), "backlog-" + i + ":1");
    }
    Fixtures.announceImage(berth.bootstrapServers(), "overtaken:1");
    String containerId = ContainerIds.newId();
    EncodedMessage command =
        EventCodec.encodeFirst(
            URI.create("/berth/test/failure-it"),
            new ContainerCreateRequested(containerId, "overtaker", "overtaken:1", null, null));
    publish(command);

    // On start the commands consumer has one record to take, the image-events consumer 41: the
    // create reaches its handler first, which waits until the image events are read.
    berth.start(BerthService.CONTAINER_SERVICE);

    String commandId = TestSupport.header(command, Envelope.ID);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !outcomesOf(commandId, Duration.ofMillis(300)).isEmpty());
    List<ConsumerRecord<String, byte[]>> outcomes = outcomesOf(commandId, Duration.ofSeconds(1));
    assertThat(outcomes).hasSize(1);
    assertThat(TestSupport.decode(outcomes.get(0)).payload())
        .isInstanceOfSatisfying(
            ContainerCreated.class, created -> assertThat(created.name()).isEqualTo("overtaker"));
    assertThat(delete(gateway, "/v1.44/containers/overtaker").statusCode()).isEqualTo(204);

    // An image nobody announced is still refused, at once.
    HttpResponse<String> unknown =
        post(gateway, "/v1.44/containers/create?name=nothing", "{\"Image\":\"never-built:1\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).path("message").asText()).contains("No such image: never-built:1");
  }

  private static void publish(EncodedMessage message) throws Exception {
    try (MessagePublisher publisher =
        new MessagePublisher(new KafkaClients(berth.bootstrapServers(), "failure-it"), "test")) {
      publisher.publish(message).get();
    }
  }

  private static List<ConsumerRecord<String, byte[]>> outcomesOf(String commandId, Duration quiet) {
    return TestSupport.readAll(berth.bootstrapServers(), Topic.CONTAINER_EVENTS.topicName(), quiet)
        .stream()
        .filter(r -> commandId.equals(TestSupport.header(r, Envelope.CAUSATION_ID)))
        .toList();
  }

  private static String commandIdOf(String containerName) {
    return TestSupport.readAll(
            berth.bootstrapServers(), Topic.CONTAINER_COMMANDS.topicName(), Duration.ofMillis(500))
        .stream()
        .filter(
            r ->
                TestSupport.decode(r).payload() instanceof ContainerCreateRequested create
                    && containerName.equals(create.name()))
        .map(r -> TestSupport.header(r, Envelope.ID))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return EventCodec.mapper().readTree(response.body());
  }
}
