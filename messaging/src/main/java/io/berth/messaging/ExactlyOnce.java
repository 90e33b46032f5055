package io.berth.messaging;

import io.berth.events.Command;
import io.berth.events.CommandFailed;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.messaging.inbox.Inbox;
import io.berth.messaging.outbox.Outbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a message's effect exactly once: in one local transaction it claims the message id in the
 * inbox, runs the effect (which changes state and returns the events it causes) and writes those
 * events to the outbox. A command whose effect is refused with a {@link CodedError} ends in a
 * {@link CommandFailed} outcome instead, written with the inbox claim while the state change rolls
 * back. A command past its deadline is refused without running its effect.
 */
@Singleton
public class ExactlyOnce {

  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnce.class);

  private final TransactionOperations<Connection> transactions;
  private final Inbox inbox;
  private final Outbox outbox;
  private final ServiceIdentity identity;

  public ExactlyOnce(
      TransactionOperations<Connection> transactions,
      Inbox inbox,
      Outbox outbox,
      ServiceIdentity identity) {
    this.transactions = transactions;
    this.inbox = inbox;
    this.outbox = outbox;
    this.identity = identity;
  }

  /**
   * Handles a message once for {@code consumer}.
   *
   * @return false if the message had been handled before and nothing was done
   */
  public <T extends Message> boolean handle(
      String consumer, Enveloped<T> in, Function<Enveloped<T>, List<? extends Message>> effect) {
    if (in.payload() instanceof Command && in.envelope().isExpired(Instant.now())) {
      return refuse(
          consumer,
          in,
          ErrorCode.UNAVAILABLE,
          "the request timed out before " + identity.name() + " took it; nothing was done");
    }
    long started = System.nanoTime();
    try {
      boolean handled =
          transactions.executeWrite(
              status -> {
                if (!inbox.claim(consumer, in.envelope().id())) {
                  return false;
                }
                for (Message out : effect.apply(in)) {
                  outbox.add(EventCodec.encodeCausedBy(in.envelope(), identity.source(), out));
                }
                return true;
              });
      if (LOG.isTraceEnabled()) {
        LOG.trace(
            "{} handled {} in {} µs",
            consumer,
            in.envelope().type(),
            (System.nanoTime() - started) / 1000);
      }
      return handled;
    } catch (RuntimeException e) {
      if (e instanceof CodedError coded && in.payload() instanceof Command) {
        return refuse(consumer, in, coded.code(), coded.getMessage());
      }
      throw e;
    }
  }

  private boolean refuse(String consumer, Enveloped<?> in, ErrorCode code, String message) {
    LOG.debug("{} refused {}: {} {}", consumer, in.envelope().type(), code, message);
    CommandFailed failed =
        new CommandFailed(in.payload().subject(), in.envelope().type(), code, message);
    return transactions.executeWrite(
        status -> {
          if (!inbox.claim(consumer, in.envelope().id())) {
            return false;
          }
          outbox.add(EventCodec.encodeCausedBy(in.envelope(), identity.source(), failed));
          return true;
        });
  }
}
