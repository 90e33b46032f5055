package io.berth.messaging;

import io.berth.events.Enveloped;
import io.berth.events.Message;

/** Handles one decoded message taken from a topic. */
@FunctionalInterface
public interface MessageHandler {

  /**
   * Handles a message. Throwing makes the consumer retry it a few times and then send it to the
   * dead-letter topic.
   */
  void handle(Enveloped<Message> message) throws Exception;
}
