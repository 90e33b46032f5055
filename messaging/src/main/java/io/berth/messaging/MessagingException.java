package io.berth.messaging;

/** Kafka or the outbox could not do what was asked. */
public class MessagingException extends RuntimeException {
  public MessagingException(String message, Throwable cause) {
    super(message, cause);
  }
}
