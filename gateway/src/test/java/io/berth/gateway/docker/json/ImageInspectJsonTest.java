package io.berth.gateway.docker.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.query.ImageInspected;
import io.berth.events.query.ImageLayer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageInspectJsonTest {

  static final String ID = "sha256:" + "1".repeat(64);
  static final String PARENT = "sha256:" + "2".repeat(64);
  static final String DIFF_A = "sha256:" + "a".repeat(64);
  static final String DIFF_B = "sha256:" + "b".repeat(64);

  static final String CONFIG =
      """
      {"architecture":"amd64","os":"linux","author":"someone",
       "created":"2024-05-06T07:08:09.120000000Z",
       "config":{"Env":["PATH=/bin"],"Cmd":["sh"],"Labels":{"team":"core"},"ExposedPorts":{"80/tcp":{}}},
       "rootfs":{"type":"layers","diff_ids":["%s","%s"]},
       "history":[
         {"created":"2024-05-06T07:00:00Z","created_by":"ADD rootfs.tar /","comment":"base"},
         {"created":"2024-05-06T07:05:00Z","created_by":"ENV PATH=/bin","empty_layer":true},
         {"created":"2024-05-06T07:08:09Z","created_by":"RUN make","comment":"built"}]}
      """
          .formatted(DIFF_A, DIFF_B);

  static ImageInspected image(String config, List<String> tags) {
    return new ImageInspected(
        "r",
        ID,
        tags,
        PARENT,
        Instant.parse("2024-05-06T07:08:09Z"),
        3000,
        config,
        List.of(
            new ImageLayer(DIFF_A, DIFF_A, "application/vnd.oci.image.layer.v1.tar", 1000),
            new ImageLayer(DIFF_B, DIFF_B, "application/vnd.oci.image.layer.v1.tar", 2000)));
  }

  /** Renders as the gateway does (every key written) and reads it back. */
  static JsonNode render(Object body) {
    ObjectMapper mapper = new ObjectMapper();
    return mapper.valueToTree(body);
  }

  @Test
  void carriesDockersFieldsForApi144() {
    ImageInspected image = image(CONFIG, List.of("app:1.0"));
    JsonNode json =
        render(ImageInspectJson.body(image, ImageInspectJson.parseConfig(CONFIG), false));

    assertThat(json.get("Id").asText()).isEqualTo(ID);
    assertThat(json.get("RepoTags")).hasSize(1);
    assertThat(json.get("RepoDigests").isArray()).isTrue();
    assertThat(json.get("RepoDigests")).isEmpty();
    assertThat(json.get("Parent").asText()).isEqualTo(PARENT);
    assertThat(json.get("Comment").asText()).isEqualTo("built");
    assertThat(json.get("Created").asText()).isEqualTo("2024-05-06T07:08:09.12Z");
    assertThat(json.get("Container").asText()).isEmpty();
    assertThat(json.get("ContainerConfig").get("Hostname").asText()).isEmpty();
    assertThat(json.get("ContainerConfig").get("Cmd").isNull()).isTrue();
    assertThat(json.get("DockerVersion").asText()).isEmpty();
    assertThat(json.get("Author").asText()).isEqualTo("someone");
    assertThat(json.get("Architecture").asText()).isEqualTo("amd64");
    assertThat(json.get("Os").asText()).isEqualTo("linux");
    assertThat(json.has("Variant")).isFalse();
    assertThat(json.get("Size").asLong()).isEqualTo(3000);
    assertThat(json.has("VirtualSize")).isFalse();
    assertThat(json.get("GraphDriver").get("Name").asText()).isEqualTo("overlay");
    assertThat(json.get("GraphDriver").get("Data").isObject()).isTrue();
    assertThat(json.get("RootFS").get("Type").asText()).isEqualTo("layers");
    assertThat(json.get("RootFS").get("Layers")).hasSize(2);
    assertThat(json.get("Metadata").get("LastTagTime").asText()).isEqualTo(GoTime.ZERO);
  }

  @Test
  void passesTheRuntimeConfigThroughAndAddsTheFieldsOlderApisShow() {
    JsonNode json =
        render(
            ImageInspectJson.body(
                image(CONFIG, List.of()), ImageInspectJson.parseConfig(CONFIG), false));
    JsonNode config = json.get("Config");

    assertThat(config.get("Env").get(0).asText()).isEqualTo("PATH=/bin");
    assertThat(config.get("Labels").get("team").asText()).isEqualTo("core");
    assertThat(config.get("ExposedPorts").has("80/tcp")).isTrue();
    assertThat(config.get("Entrypoint").isNull()).isTrue();
    assertThat(config.get("AttachStdout").asBoolean(true)).isFalse();
    assertThat(config.get("WorkingDir").asText()).isEmpty();
    assertThat(json.get("RepoTags")).isEmpty();
  }

  @Test
  void aBareConfigStillGivesEveryField() {
    String bare = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
    JsonNode json =
        render(
            ImageInspectJson.body(
                image(bare, List.of()), ImageInspectJson.parseConfig(bare), true));

    assertThat(json.get("Config").get("Cmd").isNull()).isTrue();
    assertThat(json.get("Os").asText()).isEqualTo("linux");
    assertThat(json.get("Comment").asText()).isEmpty();
    assertThat(json.get("Created").asText()).isEqualTo("2024-05-06T07:08:09Z");
    assertThat(json.get("RootFS").has("Layers")).isFalse();
    assertThat(json.get("VirtualSize").asLong()).isEqualTo(3000);
  }

  @Test
  void aConfigThatIsNotJsonIsRefused() {
    assertThatThrownBy(() -> ImageInspectJson.parseConfig("nope"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageInspectJson.parseConfig("[]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void historyIsNewestFirstAndEmptyLayersTakeNoLayer() {
    List<Map<String, Object>> history =
        ImageHistoryJson.entries(
            image(CONFIG, List.of("app:1.0")), ImageInspectJson.parseConfig(CONFIG));

    assertThat(history).hasSize(3);
    assertThat(history.get(0))
        .containsEntry("Id", ID)
        .containsEntry("CreatedBy", "RUN make")
        .containsEntry("Tags", List.of("app:1.0"))
        .containsEntry("Size", 2000L)
        .containsEntry("Comment", "built")
        .containsEntry("Created", Instant.parse("2024-05-06T07:08:09Z").getEpochSecond());
    assertThat(history.get(1))
        .containsEntry("Id", "<missing>")
        .containsEntry("CreatedBy", "ENV PATH=/bin")
        .containsEntry("Tags", null)
        .containsEntry("Size", 0L);
    assertThat(history.get(2)).containsEntry("Size", 1000L).containsEntry("Comment", "base");
  }

  @Test
  void anUntaggedImagesNewestHistoryEntryHasNullTags() {
    List<Map<String, Object>> history =
        ImageHistoryJson.entries(image(CONFIG, List.of()), ImageInspectJson.parseConfig(CONFIG));

    assertThat(history.get(0)).containsEntry("Id", ID).containsEntry("Tags", null);
  }

  @Test
  void aHistoryWithMoreLayersThanTheImageIsAnError() {
    String config =
        "{\"history\":[{\"created_by\":\"a\"},{\"created_by\":\"b\"},{\"created_by\":\"c\"}]}";

    assertThatThrownBy(
            () ->
                ImageHistoryJson.entries(
                    image(config, List.of()), ImageInspectJson.parseConfig(config)))
        .hasMessage("too many non-empty layers in History section");
  }
}
