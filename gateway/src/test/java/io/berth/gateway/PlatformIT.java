package io.berth.gateway;

import static io.berth.gateway.Fixtures.delete;
import static io.berth.gateway.Fixtures.get;
import static io.berth.gateway.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import io.berth.events.Topic;
import io.berth.events.container.ContainerCreated;
import io.berth.events.image.ImageDescriptor;
import io.berth.launcher.BerthService;
import io.berth.launcher.Platform;
import io.berth.messaging.TestSupport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole platform, as a user meets it: a real KRaft broker, the four services as processes, the
 * Docker Engine API answered through Kafka.
 */
class PlatformIT {

  private static Platform berth;
  private static URI gateway;

  @BeforeAll
  static void startBerth() throws Exception {
    berth =
        Platform.builder(Platform.findRepoRoot(), Files.createTempDirectory("berth-platform-it"))
            .freePorts()
            .startupTimeout(Duration.ofSeconds(120))
            .start();
    gateway = berth.url(BerthService.GATEWAY);
  }

  @AfterAll
  static void stopBerth() {
    if (berth != null) {
      berth.close();
    }
  }

  @Test
  void pingVersionAndInfoAnswerAsDockerClientsExpect() throws Exception {
    HttpResponse<String> ping = get(gateway, "/_ping");
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo("OK");
    assertThat(ping.headers().firstValue("Api-Version")).hasValue("1.44");
    assertThat(ping.headers().firstValue("Ostype")).hasValue("linux");
    assertThat(ping.headers().firstValue("Server")).hasValue("Berth/0.1.0");

    JsonNode version = json(get(gateway, "/v1.44/version"));
    assertThat(version.path("ApiVersion").asText()).isEqualTo("1.44");
    assertThat(version.path("MinAPIVersion").asText()).isEqualTo("1.32");
    assertThat(version.path("Os").asText()).isEqualTo("linux");

    HttpResponse<String> info = get(gateway, "/v1.32/info");
    assertThat(info.statusCode()).isEqualTo(200);
    JsonNode body = json(info);
    assertThat(body.path("OSType").asText()).isEqualTo("linux");
    assertThat(body.path("MemTotal").asLong()).isPositive();
    assertThat(body.has("Containers")).isTrue();
    assertThat(body.has("Images")).isTrue();

    HttpResponse<String> tooOld = get(gateway, "/v1.24/info");
    assertThat(tooOld.statusCode()).isEqualTo(400);
    assertThat(json(tooOld).path("message").asText()).contains("too old");
    HttpResponse<String> unknown = get(gateway, "/v1.44/no/such/thing");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).path("message").asText()).isEqualTo("page not found");
  }

  @Test
  void aCreateCommandCompletesWhenItsOutcomeEventArrives() throws Exception {
    ImageDescriptor image = Fixtures.announceImage(berth.bootstrapServers(), "roundtrip:1");
    long before = json(get(gateway, "/info")).path("Containers").asLong();

    HttpResponse<String> created =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    post(
                        gateway,
                        "/v1.44/containers/create?name=roundtrip",
                        "{\"Image\":\"roundtrip:1\",\"Cmd\":[\"echo\",\"hi\"],\"Env\":[\"A=1\"]}"),
                response -> response.statusCode() != 404);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).path("Id").asText();
    assertThat(id).matches("[0-9a-f]{64}");
    ConsumerRecord<String, byte[]> event =
        TestSupport.readAll(
                berth.bootstrapServers(), Topic.CONTAINER_EVENTS.topicName(), Duration.ofSeconds(1))
            .stream()
            .filter(r -> id.equals(r.key()))
            .findFirst()
            .orElseThrow();
    ContainerCreated payload = (ContainerCreated) TestSupport.decode(event).payload();
    assertThat(payload.imageId()).isEqualTo(image.imageId());
    assertThat(payload.config().cmd()).containsExactly("echo", "hi");
    assertThat(payload.config().env()).containsExactly("PATH=/bin", "A=1");
    assertThat(TestSupport.header(event, Envelope.SOURCE)).endsWith("/container-service");
    assertThat(json(get(gateway, "/info")).path("Containers").asLong()).isEqualTo(before + 1);

    HttpResponse<String> conflict =
        post(gateway, "/v1.44/containers/create?name=roundtrip", "{\"Image\":\"roundtrip:1\"}");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(json(conflict).path("message").asText())
        .contains("The container name \"/roundtrip\" is already in use by container \"" + id);

    assertThat(delete(gateway, "/v1.44/containers/roundtrip").statusCode()).isEqualTo(204);
    HttpResponse<String> gone = delete(gateway, "/v1.44/containers/" + id.substring(0, 12));
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(json(gone).path("message").asText())
        .isEqualTo("No such container: " + id.substring(0, 12));
    assertThat(json(get(gateway, "/info")).path("Containers").asLong()).isEqualTo(before);
  }

  @Test
  void badInputGetsAClearErrorAndChangesNothing() throws Exception {
    long before = json(get(gateway, "/info")).path("Containers").asLong();

    HttpResponse<String> unknownImage =
        post(gateway, "/v1.44/containers/create", "{\"Image\":\"nope\"}");
    assertThat(unknownImage.statusCode()).isEqualTo(404);
    assertThat(json(unknownImage).path("message").asText()).isEqualTo("No such image: nope:latest");

    HttpResponse<String> malformed = post(gateway, "/v1.44/containers/create", "{\"Image\":");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).path("message").asText()).startsWith("invalid JSON");

    HttpResponse<String> badReference =
        post(gateway, "/v1.44/containers/create", "{\"Image\":\"Not A Reference\"}");
    assertThat(badReference.statusCode()).isEqualTo(400);
    assertThat(json(badReference).path("message").asText()).contains("invalid reference format");

    HttpResponse<String> noImage = post(gateway, "/v1.44/containers/create", "{}");
    assertThat(noImage.statusCode()).isEqualTo(400);

    assertThat(json(get(gateway, "/info")).path("Containers").asLong()).isEqualTo(before);
  }

  @Test
  void theStockDockerCliIsAnsweredEndToEnd() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    String host = berth.dockerHost();

    Fixtures.CliResult version =
        Fixtures.docker(
            host,
            "version",
            "--format",
            "{{.Server.Platform.Name}} {{.Server.Version}} {{.Server.APIVersion}}");
    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output()).isEqualTo("Berth 0.1.0 25.0.0 1.44");

    Fixtures.CliResult info = Fixtures.docker(host, "info", "--format", "{{.OSType}} {{.Images}}");
    assertThat(info.exitCode()).as(info.output()).isZero();
    assertThat(info.output()).matches("linux \\d+");

    Fixtures.announceImage(berth.bootstrapServers(), "cli:1");
    Fixtures.CliResult create =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> Fixtures.docker(host, "create", "--name", "from-cli", "cli:1", "true"),
                result -> result.exitCode() == 0);
    assertThat(create.output()).matches("[0-9a-f]{64}");

    Fixtures.CliResult ps =
        Fixtures.docker(
            host,
            "ps",
            "-a",
            "--filter",
            "name=from-cli",
            "--format",
            "{{.Names}} {{.Image}} {{.Status}}");
    assertThat(ps.exitCode()).as(ps.output()).isZero();
    assertThat(ps.output()).isEqualTo("from-cli cli:1 Created");
    Fixtures.CliResult running = Fixtures.docker(host, "ps", "-q");
    assertThat(running.output()).doesNotContain(create.output().substring(0, 12));

    Fixtures.CliResult unknownImage = Fixtures.docker(host, "create", "never-imported");
    assertThat(unknownImage.exitCode()).isNotZero();
    assertThat(unknownImage.output())
        .contains("Unable to find image 'never-imported:latest' locally")
        .contains("Berth does not pull from registries yet");

    Fixtures.CliResult remove = Fixtures.docker(host, "rm", "from-cli");
    assertThat(remove.exitCode()).as(remove.output()).isZero();
    assertThat(remove.output()).isEqualTo("from-cli");

    Fixtures.CliResult again = Fixtures.docker(host, "rm", "from-cli");
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.output()).contains("No such container: from-cli");
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return EventCodec.mapper().readTree(response.body());
  }
}
