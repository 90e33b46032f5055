package io.berth.messaging.inbox;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * Forgets inbox entries older than the command topics' retention (7 days by default): a message
 * that old can no longer be redelivered, so its id need not be remembered.
 */
@Singleton
public class InboxPruner {

  private final Inbox inbox;
  private final Duration keep;

  public InboxPruner(Inbox inbox, @Value("${berth.inbox.keep:7d}") Duration keep) {
    this.inbox = inbox;
    this.keep = keep;
  }

  /** Runs hourly; public for tests. */
  @Scheduled(initialDelay = "1m", fixedDelay = "1h")
  @Transactional
  public void prune() {
    inbox.forgetBefore(Instant.now().minus(keep));
  }
}
