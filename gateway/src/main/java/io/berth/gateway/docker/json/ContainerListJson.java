package io.berth.gateway.docker.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import io.berth.events.query.ContainerSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /containers/json}: the Engine API's {@code ContainerSummary} list, and its {@code
 * filters} parameter ({@code id}, {@code name}, {@code label}, {@code status}, {@code ancestor}).
 */
public final class ContainerListJson {

  private ContainerListJson() {}

  /** One entry of the list. */
  public static Map<String, Object> entry(ContainerSummary container) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Id", container.containerId());
    body.put("Names", List.of("/" + container.name()));
    body.put("Image", container.image());
    body.put("ImageID", container.imageId());
    body.put("Command", container.command());
    body.put("Created", container.created().getEpochSecond());
    body.put("Ports", List.of());
    body.put("Labels", container.labels());
    body.put("State", container.state());
    body.put("Status", status(container, java.time.Instant.now()));
    body.put("HostConfig", Map.of("NetworkMode", "default"));
    body.put("NetworkSettings", Map.of("Networks", Map.of()));
    body.put("Mounts", List.of());
    return body;
  }

  /** Docker's Status column: "Up 3 seconds", "Exited (0) 2 minutes ago", "Created". */
  public static String status(ContainerSummary c, java.time.Instant now) {
    String state = c.state();
    switch (state) {
      case "running":
      case "paused":
        String up = c.startedAt() == null ? "Up" : "Up " + human(c.startedAt(), now);
        return state.equals("paused") ? up + " (Paused)" : up;
      case "exited":
        return "Exited ("
            + (c.exitCode() == null ? 0 : c.exitCode())
            + ")"
            + (c.finishedAt() == null ? "" : " " + human(c.finishedAt(), now) + " ago");
      case "restarting":
        return "Restarting ("
            + (c.exitCode() == null ? 0 : c.exitCode())
            + ")"
            + (c.finishedAt() == null ? "" : " " + human(c.finishedAt(), now) + " ago");
      default:
        return state.isEmpty()
            ? state
            : state.substring(0, 1).toUpperCase(Locale.ROOT) + state.substring(1);
    }
  }

  /** moby's go-units HumanDuration. */
  static String human(java.time.Instant from, java.time.Instant now) {
    long seconds = Math.max(0, java.time.Duration.between(from, now).toSeconds());
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = seconds / 60;
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = Math.round(seconds / 3600.0);
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return hours / 24 / 365 + " years";
  }

  /**
   * The filter a {@code filters} query parameter describes ({@code {"label":["a=b"]}}).
   *
   * @throws IllegalArgumentException for malformed JSON or an unsupported filter, worded as Docker
   *     words it
   */
  public static Predicate<ContainerSummary> filter(String filters) {
    if (filters == null || filters.isBlank()) {
      return container -> true;
    }
    JsonNode json;
    try {
      json = EventCodec.mapper().readTree(filters);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid filter: " + e.getMessage());
    }
    List<Predicate<ContainerSummary>> all = new ArrayList<>();
    for (var entry : iterable(json)) {
      List<String> values = values(entry.getValue());
      Predicate<ContainerSummary> any =
          switch (entry.getKey()) {
            case "id" -> c -> values.stream().anyMatch(v -> c.containerId().startsWith(v));
            case "name" ->
                c -> values.stream().anyMatch(v -> c.name().contains(v.replaceFirst("^/", "")));
            case "status" -> c -> values.contains(c.state());
            case "ancestor" -> c -> values.contains(c.image()) || values.contains(c.imageId());
            case "label" -> c -> values.stream().allMatch(v -> hasLabel(c, v));
            default ->
                throw new IllegalArgumentException("invalid filter '" + entry.getKey() + "'");
          };
      all.add(any);
    }
    return container -> all.stream().allMatch(p -> p.test(container));
  }

  private static boolean hasLabel(ContainerSummary container, String filter) {
    int eq = filter.indexOf('=');
    if (eq < 0) {
      return container.labels().containsKey(filter);
    }
    return filter.substring(eq + 1).equals(container.labels().get(filter.substring(0, eq)));
  }

  /** Docker sends filter values as a list, or (older clients) as a map of value to true. */
  private static List<String> values(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(value -> values.add(value.asText()));
    } else if (node.isObject()) {
      node.fieldNames().forEachRemaining(values::add);
    } else {
      values.add(node.asText());
    }
    return values;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("invalid filter: expected a JSON object");
    }
    return json::fields;
  }
}
