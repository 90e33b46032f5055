package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static io.berth.gateway.Fixtures.get;
import static io.berth.gateway.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import io.berth.launcher.BerthService;
import io.berth.launcher.Platform;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The whole platform stopped and started again on the same data directory finds its state. */
class RestartIT {

  @Test
  void aSecondStartOnTheSameDataDirectoryFindsItsContainersAndImagesAgain() throws Exception {
    Path data = Files.createTempDirectory("berth-restart-it");
    String id;
    try (Platform berth = start(data)) {
      Fixtures.announceImage(berth.bootstrapServers(), "durable:1");
      HttpResponse<String> created =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      post(
                          berth.url(BerthService.GATEWAY),
                          "/v1.44/containers/create?name=keeper",
                          "{\"Image\":\"durable:1\"}"),
                  response -> response.statusCode() != 404);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      id = json(created).path("Id").asText();
    }

    try (Platform berth = start(data)) {
      JsonNode list = json(get(berth.url(BerthService.GATEWAY), "/v1.44/containers/json?all=1"));
      assertThat(list).hasSize(1);
      assertThat(list.get(0).path("Id").asText()).isEqualTo(id);
      assertThat(list.get(0).path("Names").get(0).asText()).isEqualTo("/keeper");
      // The image learned from Kafka before the restart is still known: a second create works.
      HttpResponse<String> again =
          post(
              berth.url(BerthService.GATEWAY),
              "/v1.44/containers/create",
              "{\"Image\":\"durable:1\"}");
      assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
      assertThat(json(get(berth.url(BerthService.GATEWAY), "/info")).path("Containers").asLong())
          .isEqualTo(2);
    }
  }

  /**
   * Issue 6's acceptance: a container's create, start, die (with its exit code) and destroy are
   * live in {@code docker events}; after the whole platform stopped and started again, {@code
   * docker events --since} still lists them and the container's history still has them, although
   * the container was removed before the restart.
   */
  @Test
  void aRemovedContainersEventsAndHistoryOutliveARestartOfTheWholePlatform() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "containers need root");
    Path data = Files.createTempDirectory("berth-restart-events-it");
    Path work = Files.createTempDirectory("berth-restart-events-work");
    String format = "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}";
    long since;
    String id;
    try (Platform berth = start(data)) {
      String host = berth.dockerHost();
      Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
      Path tar = ImageFixtures.tarOf(rootfs, work.resolve("busybox.tar"));
      assertThat(docker(host, "import", tar.toString(), "busybox:latest").exitCode()).isZero();
      since = Instant.now().getEpochSecond() - 1;
      Path live = work.resolve("live.txt");
      ProcessBuilder subscriber =
          new ProcessBuilder(
                  "docker", "events", "--filter", "container=survivor", "--format", format)
              .redirectErrorStream(true)
              .redirectOutput(live.toFile());
      subscriber.environment().put("DOCKER_HOST", host);
      Process events = subscriber.start();
      try {
        Thread.sleep(1000); // the subscription is open before the container exists
        Fixtures.CliResult run =
            docker(host, "run", "--name", "survivor", "busybox:latest", "sh", "-c", "exit 4");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(4);
        id = docker(host, "inspect", "--format", "{{.Id}}", "survivor").output();
        assertThat(docker(host, "rm", "survivor").exitCode()).isZero();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> Files.readString(live).contains("destroy"));
        assertThat(Files.readString(live).strip().lines().toList())
            .as("live in docker events")
            .containsExactly(
                "create survivor <no value>",
                "start survivor <no value>",
                "die survivor 4",
                "destroy survivor <no value>");
      } finally {
        events.destroyForcibly();
      }
    }

    try (Platform berth = start(data)) {
      String host = berth.dockerHost();
      Fixtures.CliResult replay =
          docker(
              host,
              "events",
              "--since",
              String.valueOf(since),
              "--until",
              String.valueOf(Instant.now().getEpochSecond() + 1),
              "--filter",
              "container=survivor",
              "--format",
              format);
      assertThat(replay.exitCode()).as(replay.output()).isZero();
      assertThat(replay.output().lines().toList())
          .as("docker events --since after ./berth down and up")
          .containsExactly(
              "create survivor <no value>",
              "start survivor <no value>",
              "die survivor 4",
              "destroy survivor <no value>");
      JsonNode history =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      json(
                          get(
                              berth.url(BerthService.GATEWAY),
                              "/berth/v1/containers/survivor/history")),
                  body -> body.toString().contains("io.berth.container.Removed"));
      List<String> types = new ArrayList<>();
      JsonNode request = null;
      for (JsonNode entry : history.path("entries")) {
        types.add(entry.path("type").asText());
        if (entry.path("kind").asText().equals("request") && request == null) {
          request = entry;
        }
      }
      assertThat(types)
          .as(history.toString())
          .containsSubsequence(
              "io.berth.container.CreateRequested",
              "io.berth.container.Created",
              "io.berth.container.Started",
              "io.berth.container.Died",
              "io.berth.container.RemoveRequested",
              "io.berth.container.Removed");
      assertThat(request).as("the request that created it: " + history).isNotNull();
      assertThat(request.path("principal").asText()).isEqualTo("anonymous");
      assertThat(request.path("remoteAddress").asText()).isEqualTo("127.0.0.1");
      assertThat(request.path("userAgent").asText()).startsWith("Docker-Client/");
      assertThat(history.toString()).contains(id);
    }
  }

  private static Platform start(Path data) throws Exception {
    return Platform.builder(Platform.findRepoRoot(), data)
        .freePorts()
        .startupTimeout(Duration.ofSeconds(120))
        .start();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return EventCodec.mapper().readTree(response.body());
  }
}
