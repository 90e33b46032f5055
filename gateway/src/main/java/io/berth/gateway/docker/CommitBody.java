package io.berth.gateway.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import io.berth.events.container.ContainerConfig;
import io.berth.gateway.docker.json.ContainerCreateJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The optional body of {@code POST /commit}: a container config that Docker takes instead of the
 * container's own and merges with it. Berth says the same with change instructions, applied before
 * the request's {@code changes}: each field given becomes the instruction that sets it ({@code Cmd}
 * a {@code CMD}, {@code Env} an {@code ENV}, ...), which the image-service merges with the
 * container's config as Docker merges the body. The docker CLI sends no body (or {@code null}).
 */
final class CommitBody {

  private CommitBody() {}

  /**
   * The instructions a body stands for.
   *
   * @throws DockerApiException 400 when the body is not a JSON object
   */
  static List<String> changes(byte[] body) {
    if (body == null || body.length == 0) {
      return List.of();
    }
    JsonNode json;
    try {
      json = EventCodec.mapper().readTree(body);
    } catch (IOException e) {
      throw DockerApiException.badRequest("invalid JSON: " + e.getMessage());
    }
    if (json == null || json.isNull() || json.isMissingNode()) {
      return List.of();
    }
    if (!json.isObject()) {
      throw DockerApiException.badRequest("invalid JSON: expected an object");
    }
    ContainerConfig config = ContainerCreateJson.config(json);
    List<String> changes = new ArrayList<>();
    if (!config.entrypoint().isEmpty()) {
      changes.add("ENTRYPOINT " + jsonArray(config.entrypoint()));
    }
    if (!config.cmd().isEmpty()) {
      changes.add("CMD " + jsonArray(config.cmd()));
    }
    for (String entry : config.env()) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        changes.add("ENV " + entry.substring(0, eq) + "=" + quote(entry.substring(eq + 1)));
      }
    }
    for (Map.Entry<String, String> label : config.labels().entrySet()) {
      changes.add("LABEL " + quote(label.getKey()) + "=" + quote(label.getValue()));
    }
    if (!config.exposedPorts().isEmpty()) {
      changes.add("EXPOSE " + String.join(" ", config.exposedPorts()));
    }
    if (config.workingDir() != null && !config.workingDir().isEmpty()) {
      changes.add("WORKDIR " + config.workingDir());
    }
    if (config.user() != null && !config.user().isEmpty()) {
      changes.add("USER " + config.user());
    }
    if (config.stopSignal() != null && !config.stopSignal().isEmpty()) {
      changes.add("STOPSIGNAL " + config.stopSignal());
    }
    return changes;
  }

  private static String jsonArray(List<String> words) {
    return EventCodec.toJsonString(words);
  }

  /** A double-quoted Dockerfile word whose value is taken literally ({@code $} not expanded). */
  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"";
  }
}
