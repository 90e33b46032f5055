package io.berth.gateway.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Engine API's {@code filters} parameter: a JSON object of keys to values, sent either as
 * {@code {"label":{"a=b":true}}} (what the docker CLI sends) or as {@code {"label":["a=b"]}} (older
 * clients). Mirrors moby's {@code filters.Args}, including its error wording.
 *
 * @param fields each key with its values, in the order given
 */
public record FilterArgs(Map<String, Set<String>> fields) {

  /** No filters. */
  public static final FilterArgs NONE = new FilterArgs(Map.of());

  public FilterArgs {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    fields.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    fields = Collections.unmodifiableMap(copy);
  }

  /**
   * Parses the parameter; absent or empty means no filters.
   *
   * @throws DockerApiException 400 {@code invalid filter} when it is neither form
   */
  public static FilterArgs parse(@Nullable String json) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    JsonNode root;
    try {
      root = EventCodec.mapper().readTree(json);
    } catch (IOException e) {
      throw DockerApiException.badRequest("invalid filter");
    }
    if (root == null || root.isNull()) {
      return NONE;
    }
    if (!root.isObject()) {
      throw DockerApiException.badRequest("invalid filter");
    }
    boolean mapForm = true;
    boolean listForm = true;
    for (JsonNode value : (Iterable<JsonNode>) root::elements) {
      mapForm &= value.isObject() || value.isNull();
      listForm &= value.isArray() || value.isNull();
    }
    if (!mapForm && !listForm) {
      throw DockerApiException.badRequest("invalid filter");
    }
    Map<String, Set<String>> fields = new LinkedHashMap<>();
    for (var entry : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
      Set<String> values = new LinkedHashSet<>();
      JsonNode value = entry.getValue();
      if (value.isObject()) {
        value.fieldNames().forEachRemaining(values::add);
      } else if (value.isArray()) {
        for (JsonNode item : value) {
          if (!item.isTextual()) {
            throw DockerApiException.badRequest("invalid filter");
          }
          values.add(item.asText());
        }
      }
      fields.put(entry.getKey(), values);
    }
    return new FilterArgs(fields);
  }

  /** A filter set from single values, for tests and internal callers. */
  public static FilterArgs of(String... keyValues) {
    Map<String, Set<String>> fields = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      fields.computeIfAbsent(keyValues[i], k -> new LinkedHashSet<>()).add(keyValues[i + 1]);
    }
    return new FilterArgs(fields);
  }

  /**
   * Checks that every key is one the endpoint takes.
   *
   * @throws DockerApiException 400 {@code invalid filter '<key>'} for the first one it does not
   */
  public FilterArgs validate(Set<String> accepted) {
    for (String key : fields.keySet()) {
      if (!accepted.contains(key)) {
        throw DockerApiException.badRequest("invalid filter '" + key + "'");
      }
    }
    return this;
  }

  /** Whether the key was given, even with no values. */
  public boolean contains(String key) {
    return fields.containsKey(key);
  }

  /** The values of a key; empty when it was not given. */
  public List<String> get(String key) {
    return new ArrayList<>(fields.getOrDefault(key, Set.of()));
  }

  /**
   * A boolean filter ({@code dangling=true}): {@code true}/{@code 1} or {@code false}/{@code 0}.
   *
   * @throws DockerApiException 400 when it has no value, both values, or another value
   */
  public boolean bool(String key, boolean absent) {
    Set<String> values = fields.get(key);
    if (values == null) {
      return absent;
    }
    if (values.isEmpty()) {
      throw DockerApiException.badRequest("invalid filter '" + key + "'");
    }
    boolean isFalse = values.contains("0") || values.contains("false");
    boolean isTrue = values.contains("1") || values.contains("true");
    if (isFalse == isTrue) {
      throw DockerApiException.badRequest(
          "invalid filter '" + key + "=[" + String.join(" ", values) + "]'");
    }
    return isTrue;
  }

  /**
   * Whether {@code labels} satisfy every {@code key} or {@code key=value} value of the filter
   * (moby's {@code MatchKVList}); true when the filter has no values.
   */
  public boolean matchLabels(String key, Map<String, String> labels) {
    Set<String> values = fields.getOrDefault(key, Set.of());
    if (values.isEmpty()) {
      return true;
    }
    if (labels.isEmpty()) {
      return false;
    }
    for (String value : values) {
      int eq = value.indexOf('=');
      String name = eq < 0 ? value : value.substring(0, eq);
      if (!labels.containsKey(name)) {
        return false;
      }
      if (eq >= 0 && !value.substring(eq + 1).equals(labels.get(name))) {
        return false;
      }
    }
    return true;
  }
}
