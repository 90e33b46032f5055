package io.berth.messaging;

import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Query;
import io.berth.events.QueryFailed;
import io.berth.events.Reply;
import jakarta.inject.Singleton;

/**
 * Answers queries on the replies topic, straight from the handler: a query changes nothing, so it
 * needs neither inbox nor outbox, and skipping the database keeps {@code /info} fast.
 */
@Singleton
public class QueryResponder {

  private final MessagePublisher publisher;
  private final ServiceIdentity identity;

  public QueryResponder(MessagePublisher publisher, ServiceIdentity identity) {
    this.publisher = publisher;
    this.identity = identity;
  }

  /** Sends the reply to a query, correlated to it. */
  public void reply(Enveloped<?> query, Reply reply) {
    if (!(query.payload() instanceof Query)) {
      throw new IllegalArgumentException(query.envelope().type() + " is not a query");
    }
    publisher.publish(EventCodec.encodeCausedBy(query.envelope(), identity.source(), reply));
  }

  /** Sends a failure reply to a query. */
  public void fail(Enveloped<?> query, ErrorCode code, String message) {
    reply(
        query, new QueryFailed(query.payload().subject(), query.envelope().type(), code, message));
  }
}
