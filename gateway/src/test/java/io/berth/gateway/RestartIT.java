package io.berth.gateway;

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
