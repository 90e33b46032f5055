package io.berth.events;

import io.berth.events.container.ContainerCreateRequested;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerRemoveRequested;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.image.ImageImported;
import io.berth.events.query.ContainerCountsReported;
import io.berth.events.query.ContainerCountsRequested;
import io.berth.events.query.ContainerResolveRequested;
import io.berth.events.query.ContainerResolved;
import io.berth.events.query.ImageCountsReported;
import io.berth.events.query.ImageCountsRequested;
import io.berth.events.query.LayerCountsReported;
import io.berth.events.query.LayerCountsRequested;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every message type of the platform: its CloudEvents type name, payload record, topic and schema
 * version. The one place a new message is registered.
 */
public final class Catalogue {

  private static final Map<String, MessageType<?>> BY_TYPE = new LinkedHashMap<>();
  private static final Map<Class<?>, MessageType<?>> BY_CLASS = new LinkedHashMap<>();

  static {
    // Shared outcomes.
    event("io.berth.CommandFailed", CommandFailed.class, Topic.CONTAINER_EVENTS, 1);
    reply("io.berth.query.Failed", QueryFailed.class, 1);

    // Containers.
    command(
        "io.berth.container.CreateRequested",
        ContainerCreateRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1);
    event("io.berth.container.Created", ContainerCreated.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.RemoveRequested",
        ContainerRemoveRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1);
    event("io.berth.container.Removed", ContainerRemoved.class, Topic.CONTAINER_EVENTS, 1);

    // Images.
    event("io.berth.image.Imported", ImageImported.class, Topic.IMAGE_EVENTS, 1);

    // Queries and their replies.
    query("io.berth.query.ContainerCountsRequested", ContainerCountsRequested.class, 1);
    reply("io.berth.query.ContainerCountsReported", ContainerCountsReported.class, 1);
    query("io.berth.query.ImageCountsRequested", ImageCountsRequested.class, 1);
    reply("io.berth.query.ImageCountsReported", ImageCountsReported.class, 1);
    query("io.berth.query.LayerCountsRequested", LayerCountsRequested.class, 1);
    reply("io.berth.query.LayerCountsReported", LayerCountsReported.class, 1);
    query("io.berth.query.ContainerResolveRequested", ContainerResolveRequested.class, 1);
    reply("io.berth.query.ContainerResolved", ContainerResolved.class, 1);
  }

  private Catalogue() {}

  /** All registered types, in registration order. */
  public static Collection<MessageType<?>> all() {
    return Collections.unmodifiableCollection(BY_TYPE.values());
  }

  /** The type registered under a CloudEvents type name, if any. */
  public static Optional<MessageType<?>> byType(String type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }

  /**
   * The type of a payload record.
   *
   * @throws IllegalArgumentException if the record is not registered
   */
  @SuppressWarnings("unchecked")
  public static <T extends Message> MessageType<T> of(Class<T> payload) {
    MessageType<?> type = BY_CLASS.get(payload);
    if (type == null) {
      throw new IllegalArgumentException("not in the catalogue: " + payload.getName());
    }
    return (MessageType<T>) type;
  }

  private static <T extends Command> void command(
      String type, Class<T> payload, Topic topic, Topic outcomeTopic, int version) {
    register(new MessageType<>(type, payload, topic, version, outcomeTopic));
  }

  private static <T extends Event> void event(
      String type, Class<T> payload, Topic topic, int version) {
    register(new MessageType<>(type, payload, topic, version, null));
  }

  private static <T extends Query> void query(String type, Class<T> payload, int version) {
    register(new MessageType<>(type, payload, Topic.QUERY_REQUESTS, version, Topic.QUERY_REPLIES));
  }

  private static <T extends Reply> void reply(String type, Class<T> payload, int version) {
    register(new MessageType<>(type, payload, Topic.QUERY_REPLIES, version, null));
  }

  private static void register(MessageType<?> type) {
    if (BY_TYPE.putIfAbsent(type.type(), type) != null) {
      throw new IllegalStateException("type registered twice: " + type.type());
    }
    if (BY_CLASS.putIfAbsent(type.payload(), type) != null) {
      throw new IllegalStateException("payload registered twice: " + type.payload());
    }
  }
}
