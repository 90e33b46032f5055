package io.berth.gateway.docker.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.HostConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of {@code POST /containers/create} (the Engine API's {@code ContainerConfig} with
 * its {@code HostConfig}) into the event contract's records.
 */
public final class ContainerCreateJson {

  private ContainerCreateJson() {}

  /** The image asked for, or an error message's worth of nothing. */
  public static String image(JsonNode body) {
    JsonNode image = body.path("Image");
    return image.isTextual() ? image.asText() : "";
  }

  /** The container part of the body. */
  public static ContainerConfig config(JsonNode body) {
    return new ContainerConfig(
        stringOrList(body.get("Cmd")),
        stringOrList(body.get("Entrypoint")),
        list(body.get("Env")),
        text(body.get("WorkingDir")),
        text(body.get("User")),
        text(body.get("Hostname")),
        body.path("Tty").asBoolean(false),
        body.path("OpenStdin").asBoolean(false),
        map(body.get("Labels")),
        keys(body.get("ExposedPorts")),
        text(body.get("StopSignal")));
  }

  /** The {@code HostConfig} part of the body. */
  public static HostConfig hostConfig(JsonNode body) {
    JsonNode host = body.path("HostConfig");
    JsonNode restart = host.path("RestartPolicy");
    String policy = text(restart.get("Name"));
    int retries = restart.path("MaximumRetryCount").asInt(0);
    if ("on-failure".equals(policy) && retries > 0) {
      policy = policy + ":" + retries;
    }
    return new HostConfig(
        host.path("Memory").asLong(0),
        host.path("NanoCpus").asLong(0),
        host.path("CpuShares").asLong(0),
        host.path("PidsLimit").asLong(0),
        host.path("AutoRemove").asBoolean(false),
        policy,
        text(host.get("NetworkMode")),
        list(host.get("Binds")),
        host.path("Privileged").asBoolean(false));
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
  }

  /** Docker accepts {@code Cmd} and {@code Entrypoint} as a string or a list. */
  private static List<String> stringOrList(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    return list(node);
  }

  private static List<String> list(JsonNode node) {
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    node.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static Map<String, String> map(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
    return values;
  }

  private static List<String> keys(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    node.fieldNames().forEachRemaining(values::add);
    return values;
  }
}
