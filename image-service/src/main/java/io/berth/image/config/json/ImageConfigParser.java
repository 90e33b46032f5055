package io.berth.image.config.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.image.config.Digest;
import io.berth.image.config.Healthcheck;
import io.berth.image.config.History;
import io.berth.image.config.RunConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields Berth uses from an image config's JSON; fields it does not know are left in the
 * bytes, which are never written again.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md">OCI image
 *     config</a>
 */
public final class ImageConfigParser {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ImageConfigParser() {}

  /**
   * Parses config bytes.
   *
   * @throws IllegalArgumentException naming what is wrong when the bytes are not an image config
   */
  public static ImageConfigTemplate parse(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "image config is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("image config is not readable: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("image config is not a JSON object");
    }
    JsonNode rootfs = root.get("rootfs");
    // Docker refuses a config without rootfs (image.NewFromJSON: "no RootFS key").
    if (rootfs == null || !rootfs.isObject()) {
      throw new IllegalArgumentException("image config has no rootfs object");
    }
    return new ImageConfigTemplate(
        text(root, "architecture"),
        text(root, "author"),
        text(root, "comment"),
        runConfig(root.get("config"), "config"),
        text(root, "container"),
        runConfig(root.get("container_config"), "container_config"),
        time(root.get("created"), "created"),
        text(root, "docker_version"),
        history(root.get("history")),
        text(root, "os"),
        strings(root.get("os.features"), "os.features"),
        text(root, "os.version"),
        text(root, "parent"),
        diffIds(rootfs.get("diff_ids")),
        text(root, "variant"));
  }

  private static List<Digest> diffIds(JsonNode node) {
    List<String> values = strings(node, "rootfs.diff_ids");
    List<Digest> diffIds = new ArrayList<>();
    for (String value : values == null ? List.<String>of() : values) {
      if (!Digest.isValid(value)) {
        throw new IllegalArgumentException("image config has a bad diff id: " + value);
      }
      diffIds.add(Digest.parse(value));
    }
    return diffIds;
  }

  private static List<History> history(JsonNode node) {
    List<History> history = new ArrayList<>();
    if (node == null || node.isNull()) {
      return history;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("image config history is not an array");
    }
    for (JsonNode entry : node) {
      if (!entry.isObject()) {
        throw new IllegalArgumentException("image config history holds a non-object");
      }
      history.add(
          new History(
              time(entry.get("created"), "history.created"),
              text(entry, "created_by"),
              text(entry, "author"),
              text(entry, "comment"),
              entry.path("empty_layer").asBoolean(false)));
    }
    return history;
  }

  private static RunConfig runConfig(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("image config " + where + " is not an object");
    }
    JsonNode stopTimeout = node.get("StopTimeout");
    return RunConfig.builder()
        .user(text(node, "User"))
        .exposedPorts(keys(node.get("ExposedPorts"), where + ".ExposedPorts"))
        .env(strings(node.get("Env"), where + ".Env"))
        .cmd(strings(node.get("Cmd"), where + ".Cmd"))
        .healthcheck(healthcheck(node.get("Healthcheck"), where))
        .argsEscaped(node.path("ArgsEscaped").asBoolean(false))
        .image(text(node, "Image"))
        .volumes(keys(node.get("Volumes"), where + ".Volumes"))
        .workingDir(text(node, "WorkingDir"))
        .entrypoint(strings(node.get("Entrypoint"), where + ".Entrypoint"))
        .onBuild(strings(node.get("OnBuild"), where + ".OnBuild"))
        .labels(labels(node.get("Labels"), where + ".Labels"))
        .stopSignal(text(node, "StopSignal"))
        .stopTimeout(stopTimeout != null && stopTimeout.isInt() ? stopTimeout.intValue() : null)
        .shell(strings(node.get("Shell"), where + ".Shell"))
        .build();
  }

  private static Healthcheck healthcheck(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("image config " + where + ".Healthcheck is not an object");
    }
    return new Healthcheck(
        strings(node.get("Test"), where + ".Healthcheck.Test"),
        Duration.ofNanos(node.path("Interval").asLong(0)),
        Duration.ofNanos(node.path("Timeout").asLong(0)),
        Duration.ofNanos(node.path("StartPeriod").asLong(0)),
        Duration.ofNanos(node.path("StartInterval").asLong(0)),
        node.path("Retries").asInt(0));
  }

  private static String text(JsonNode object, String name) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException("image config field " + name + " is not a string");
    }
    return node.textValue();
  }

  private static Instant time(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("image config " + where + " is not an RFC 3339 time");
    }
  }

  private static List<String> strings(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("image config " + where + " is not an array");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException("image config " + where + " holds a non-string");
      }
      values.add(item.textValue());
    }
    return values;
  }

  private static List<String> keys(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("image config " + where + " is not an object");
    }
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static Map<String, String> labels(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("image config " + where + " is not an object");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      labels.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText());
    }
    return labels;
  }
}
