package io.berth.gateway.docker.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventCodec;
import io.berth.events.query.ImageInspected;
import io.berth.events.query.ImageLayer;
import io.berth.gateway.docker.DockerApi;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /images/{name}/json}, shaped as the Engine API's {@code ImageInspect} for
 * the versions Berth speaks (at most 1.44), built from the image-service's answer and the image's
 * config JSON (moby {@code daemon/server/router/image/image_routes.go}, {@code getImagesByName}).
 */
public final class ImageInspectJson {

  /**
   * Fields moby still adds to {@code Config} before API 1.50 when the image config lacks them
   * ({@code inspect_response.go}, {@code legacyConfigFields["v1.49"]}).
   */
  private static final ObjectNode LEGACY_CONFIG_FIELDS = zeroConfigFields();

  /** A zero {@code container.Config}, which moby sends as {@code ContainerConfig} before 1.45. */
  private static final ObjectNode EMPTY_CONTAINER_CONFIG = zeroConfigFields();

  private ImageInspectJson() {}

  /**
   * Parses the config JSON the image-service keeps.
   *
   * @throws IllegalArgumentException when it is not a JSON object
   */
  public static JsonNode parseConfig(String config) {
    try {
      JsonNode node = EventCodec.mapper().readTree(config);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("the image config is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("the image config is not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The inspect body.
   *
   * @param image the image-service's answer
   * @param config its config JSON, parsed
   * @param virtualSize add {@code VirtualSize} (API before 1.44)
   */
  public static Map<String, Object> body(
      ImageInspected image, JsonNode config, boolean virtualSize) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Id", image.imageId());
    body.put("RepoTags", image.repoTags());
    body.put("RepoDigests", List.of());
    body.put("Parent", image.parentId() == null ? "" : image.parentId());
    body.put("Comment", comment(config));
    body.put("Created", created(image, config));
    // Container and ContainerConfig are deprecated, but moby sends them before API 1.45.
    body.put("Container", config.path("container").asText(""));
    body.put("ContainerConfig", containerConfig(config.get("container_config")));
    body.put("DockerVersion", config.path("docker_version").asText(""));
    body.put("Author", config.path("author").asText(""));
    body.put("Config", runtimeConfig(config.get("config")));
    body.put("Architecture", config.path("architecture").asText(""));
    putIfPresent(body, "Variant", config.path("variant").asText(""));
    body.put("Os", config.path("os").asText("").isEmpty() ? "linux" : config.get("os").asText());
    putIfPresent(body, "OsVersion", config.path("os.version").asText(""));
    body.put("Size", image.size());
    if (virtualSize) {
      body.put("VirtualSize", image.size());
    }
    body.put("GraphDriver", graphDriver());
    body.put("RootFS", rootFs(image, config));
    body.put("Metadata", Map.of("LastTagTime", GoTime.ZERO));
    return body;
  }

  /** The image's comment, or the newest history entry's, as moby picks it. */
  static String comment(JsonNode config) {
    String comment = config.path("comment").asText("");
    JsonNode history = config.path("history");
    if (comment.isEmpty() && history.isArray() && !history.isEmpty()) {
      comment = history.get(history.size() - 1).path("comment").asText("");
    }
    return comment;
  }

  private static String created(ImageInspected image, JsonNode config) {
    OffsetDateTime created = GoTime.parse(config.path("created").asText(null));
    return created != null ? GoTime.rfc3339Nano(created) : GoTime.rfc3339Nano(image.created());
  }

  /** The config's {@code config} object as stored, with the fields moby fills for API < 1.50. */
  private static ObjectNode runtimeConfig(JsonNode stored) {
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    if (stored != null && stored.isObject()) {
      config.setAll((ObjectNode) stored);
    }
    LEGACY_CONFIG_FIELDS
        .fields()
        .forEachRemaining(
            field -> {
              if (!config.has(field.getKey())) {
                config.set(field.getKey(), field.getValue().deepCopy());
              }
            });
    return config;
  }

  private static ObjectNode containerConfig(JsonNode stored) {
    ObjectNode config = EMPTY_CONTAINER_CONFIG.deepCopy();
    if (stored != null && stored.isObject()) {
      config.setAll((ObjectNode) stored);
    }
    return config;
  }

  private static Map<String, Object> graphDriver() {
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("Data", Map.of());
    driver.put("Name", DockerApi.STORAGE_DRIVER);
    return driver;
  }

  private static Map<String, Object> rootFs(ImageInspected image, JsonNode config) {
    JsonNode rootFs = config.path("rootfs");
    List<String> layers = new ArrayList<>();
    if (rootFs.path("diff_ids").isArray()) {
      rootFs.path("diff_ids").forEach(id -> layers.add(id.asText()));
    } else {
      image.layers().stream().map(ImageLayer::diffId).forEach(layers::add);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Type", rootFs.path("type").asText("layers"));
    if (!layers.isEmpty()) {
      body.put("Layers", layers);
    }
    return body;
  }

  private static void putIfPresent(Map<String, Object> body, String key, String value) {
    if (!value.isEmpty()) {
      body.put(key, value);
    }
  }

  /** The zero fields of moby's {@code container.Config}, in its order. */
  private static ObjectNode zeroConfigFields() {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    fields.put("Hostname", "");
    fields.put("Domainname", "");
    fields.put("User", "");
    fields.put("AttachStdin", false);
    fields.put("AttachStdout", false);
    fields.put("AttachStderr", false);
    fields.put("Tty", false);
    fields.put("OpenStdin", false);
    fields.put("StdinOnce", false);
    fields.putNull("Env");
    fields.putNull("Cmd");
    fields.put("Image", "");
    fields.putNull("Volumes");
    fields.put("WorkingDir", "");
    fields.putNull("Entrypoint");
    fields.putNull("OnBuild");
    fields.putNull("Labels");
    return fields;
  }
}
