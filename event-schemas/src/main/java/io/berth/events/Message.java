package io.berth.events;

/**
 * A command, event or query payload. Its {@link #subject()} is the id the message is about and
 * becomes the Kafka record key.
 */
public interface Message {

  /** The id this message is about: a container id, an image id, a digest, a correlation id. */
  String subject();
}
