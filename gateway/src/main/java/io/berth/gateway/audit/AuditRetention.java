package io.berth.gateway.audit;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes audit rows older than {@code gateway.audit.retention}, once an hour; without a retention
 * the projection keeps everything.
 */
@Singleton
class AuditRetention {

  private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

  private final AuditStore store;
  private final Duration retention;

  AuditRetention(
      AuditStore store, @Nullable @Value("${gateway.audit.retention:}") Duration retention) {
    this.store = store;
    this.retention = retention;
  }

  @Scheduled(fixedDelay = "1h", initialDelay = "1m")
  void prune() {
    if (retention == null || retention.isZero()) {
      return;
    }
    int deleted = store.deleteBefore(Instant.now().minus(retention));
    if (deleted > 0) {
      LOG.info("audit retention deleted {} rows older than {}", deleted, retention);
    }
  }
}
