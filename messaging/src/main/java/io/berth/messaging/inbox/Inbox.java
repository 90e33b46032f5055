package io.berth.messaging.inbox;

import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Remembers which message ids a consumer has handled, inside the handler's transaction, so that a
 * redelivered message has no second effect.
 */
@Singleton
public class Inbox {

  private final InboxRepository repository;

  public Inbox(InboxRepository repository) {
    this.repository = repository;
  }

  /**
   * Claims a message for a consumer; must run in the transaction that applies its effect.
   *
   * @return true the first time, false if the message was handled before
   */
  public boolean claim(String consumer, String messageId) {
    String id = consumer + "/" + messageId;
    if (repository.existsById(id)) {
      return false;
    }
    repository.save(new InboxEntry(id, Instant.now()));
    return true;
  }

  /** Forgets ids handled before {@code before}. */
  public void forgetBefore(Instant before) {
    repository.deleteByHandledAtLessThan(before);
  }
}
