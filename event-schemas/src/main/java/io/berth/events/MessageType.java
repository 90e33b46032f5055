package io.berth.events;

import java.util.Objects;

/**
 * One entry of the catalogue: a CloudEvents type name, its payload record, the topic it travels on
 * and its current schema version.
 *
 * @param type the CloudEvents {@code type} attribute, for example {@code
 *     io.berth.container.Created}
 * @param payload the record the JSON value decodes to
 * @param topic the topic the message is published on
 * @param schemaVersion the version written by this library; older versions still decode
 * @param outcomeTopic for a command, the topic its outcome event is published on; otherwise null
 */
public record MessageType<T extends Message>(
    String type, Class<T> payload, Topic topic, int schemaVersion, Topic outcomeTopic) {

  public MessageType {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(topic, "topic");
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be at least 1");
    }
  }

  /** Whether this type is a command (it ends in exactly one outcome event). */
  public boolean isCommand() {
    return Command.class.isAssignableFrom(payload);
  }

  /** Whether this type is an event. */
  public boolean isEvent() {
    return Event.class.isAssignableFrom(payload);
  }
}
