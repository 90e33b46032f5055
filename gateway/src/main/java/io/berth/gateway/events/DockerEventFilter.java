package io.berth.gateway.events;

import io.berth.events.image.ImageRef;
import io.berth.gateway.docker.FilterArgs;
import io.berth.gateway.events.json.DockerEventMessage;
import java.util.List;
import java.util.Set;

/**
 * The {@code filters} of {@code GET /events}, matched as moby's {@code daemon/events.Filter} does:
 * {@code type}, {@code event} (exact, or a prefix for {@code exec_create}, {@code exec_start} and
 * {@code health_status}), {@code scope}, {@code container} and the other object kinds (the actor's
 * id or name, or a prefix of either), {@code image} (the actor's id or image name, with or without
 * its tag) and {@code label} ({@code key} or {@code key=value} over the attributes). Values of one
 * key are alternatives; keys must all match.
 *
 * @param filters the parsed parameter
 */
record DockerEventFilter(FilterArgs filters) {

  /** Object kinds matched by the actor's id or name, as moby's {@code fuzzyMatchName}. */
  private static final List<String> NAMED =
      List.of(
          "daemon",
          "container",
          "plugin",
          "volume",
          "network",
          "service",
          "node",
          "secret",
          "config");

  private static final Set<String> FUZZY_EVENTS =
      Set.of("health_status", "exec_create", "exec_start");

  /** Whether the message passes every filter. */
  boolean includes(DockerEventMessage message) {
    return matchEvent(message.action())
        && exact("type", message.type())
        && (!filters.contains("scope") || exact("scope", message.scope()))
        && NAMED.stream().allMatch(kind -> fuzzyName(kind, message))
        && matchImage(message)
        && (!filters.contains("label")
            || filters.matchLabels("label", message.actor().attributes()));
  }

  private boolean matchEvent(String action) {
    if (filters.get("event").stream().anyMatch(FUZZY_EVENTS::contains)) {
      return fuzzy("event", action);
    }
    return exact("event", action);
  }

  private boolean fuzzyName(String kind, DockerEventMessage message) {
    return fuzzy(kind, message.actor().id())
        || fuzzy(kind, message.actor().attributes().getOrDefault("name", ""));
  }

  private boolean matchImage(DockerEventMessage message) {
    String id = message.actor().id();
    String name =
        message
            .actor()
            .attributes()
            .getOrDefault(message.type().equals(DockerEvents.IMAGE) ? "name" : "image", "");
    return exact("image", id)
        || exact("image", name)
        || exact("image", stripTag(id))
        || exact("image", stripTag(name));
  }

  /** moby's {@code Args.ExactMatch}: no values means no filter. */
  private boolean exact(String key, String value) {
    List<String> values = filters.get(key);
    return values.isEmpty() || values.contains(value);
  }

  /** moby's {@code Args.FuzzyMatch}: an exact match, or a value that is a prefix. */
  private boolean fuzzy(String key, String value) {
    List<String> values = filters.get(key);
    return values.isEmpty() || values.stream().anyMatch(value::startsWith);
  }

  private static String stripTag(String image) {
    try {
      return ImageRef.parse(image).repository();
    } catch (IllegalArgumentException e) {
      return image;
    }
  }
}
