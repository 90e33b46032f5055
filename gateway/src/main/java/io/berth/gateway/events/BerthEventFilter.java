package io.berth.gateway.events;

import io.berth.events.Message;
import io.berth.events.Topic;
import io.berth.events.container.ContainerCreated;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageRef;
import io.berth.gateway.docker.FilterArgs;
import io.berth.gateway.events.json.DockerEventMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The filters of {@code GET /berth/v1/events}, Docker's keys over Berth's events: {@code type} (the
 * topic's noun: {@code container}, {@code image} or {@code layer}), {@code event} (the CloudEvents
 * type, whole or its last part: {@code io.berth.container.Started} or {@code Started}), {@code
 * container} (the id or the name, or a prefix of either, as the container was named then), {@code
 * image} (for container events the image it was created from, for image events the image's id or
 * any reference the event names, with or without tag) and {@code label} ({@code key} or {@code
 * key=value} over the container's or image's labels). Values of one key are alternatives; keys must
 * all match.
 *
 * @param filters the filters by key
 */
record BerthEventFilter(FilterArgs filters) {

  private static final Set<String> TYPES = Set.of("container", "image", "layer");

  BerthEventFilter {
    for (String type : filters.get("type")) {
      if (!TYPES.contains(type)) {
        throw new IllegalArgumentException(
            "invalid filter 'type=" + type + "': it is container, image or layer");
      }
    }
  }

  /** Whether matching needs the projection (what containers and images are). */
  boolean needsProjection() {
    return filters.contains("container") || filters.contains("image") || filters.contains("label");
  }

  /** Whether a decoded entry passes every filter. */
  boolean includes(LogEntry entry, Projection projection) {
    if (entry.message() == null) {
      return false;
    }
    String noun = noun(entry.partition().topic());
    String type = entry.message().envelope().type();
    if (!any("type", noun::equals)
        || !any("event", v -> type.equals(v) || type.endsWith("." + v))) {
      return false;
    }
    if (!needsProjection()) {
      return true;
    }
    Message event = entry.message().payload();
    if (noun.equals("container")) {
      return container(entry.offset(), event, projection);
    }
    if (noun.equals("image")) {
      return image(entry, event, projection);
    }
    return false;
  }

  private boolean container(long offset, Message event, Projection projection) {
    String id = event.subject();
    Optional<ContainerFacts> facts = projection.container(id);
    String name = facts.flatMap(f -> f.nameAt(offset)).orElse("");
    Map<String, String> labels =
        event instanceof ContainerCreated created
            ? created.config().labels()
            : facts.map(ContainerFacts::labels).orElse(Map.of());
    Set<String> images = new HashSet<>();
    facts.ifPresent(f -> images.addAll(List.of(f.image(), f.imageId())));
    return any("container", v -> id.startsWith(v) || name.startsWith(v))
        && anyImage(images)
        && filters.matchLabels("label", labels);
  }

  private boolean image(LogEntry entry, Message event, Projection projection) {
    Set<String> names = new HashSet<>();
    names.add(event.subject());
    Optional<ImageDescriptor> image = Projection.descriptorOf(event);
    image.ifPresent(i -> names.addAll(i.repoTags()));
    for (DockerEventMessage message : DockerEvents.of(entry, projection)) {
      names.add(message.actor().id());
      names.add(message.actor().attributes().getOrDefault("name", ""));
    }
    Map<String, String> labels =
        image.map(i -> i.config().labels()).orElse(projection.imageLabels(event.subject()));
    return !filters.contains("container")
        && anyImage(names)
        && filters.matchLabels("label", labels);
  }

  private boolean anyImage(Set<String> names) {
    return any(
        "image", v -> names.contains(v) || names.stream().anyMatch(n -> stripTag(n).equals(v)));
  }

  private boolean any(String key, java.util.function.Predicate<String> test) {
    List<String> values = filters.get(key);
    return values.isEmpty() || values.stream().anyMatch(test);
  }

  private static String noun(String topic) {
    return Topic.ofName(topic).topicName().split("\\.")[1];
  }

  private static String stripTag(String image) {
    try {
      return ImageRef.parse(image).repository();
    } catch (IllegalArgumentException e) {
      return image;
    }
  }
}
