package io.berth.messaging.reply;

import io.berth.events.Catalogue;
import io.berth.events.Command;
import io.berth.events.Envelope;
import io.berth.events.Enveloped;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.MessageType;
import io.berth.messaging.MessagePublisher;
import io.berth.messaging.MessagingException;
import io.berth.messaging.ServiceIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Sends a command or query and completes when the message it caused (its outcome event or its
 * reply) arrives. The request carries a deadline; a service refuses a command that arrives after
 * it, and the caller waits a short grace beyond it for an outcome already under way, so that a
 * timeout leaves nothing half done.
 */
public final class RequestReply {

  /** How long past a command's deadline the caller still waits for its outcome. */
  static final Duration GRACE = Duration.ofMillis(500);

  private final MessagePublisher publisher;
  private final ReplyListener listener;
  private final ServiceIdentity identity;

  public RequestReply(
      MessagePublisher publisher, ReplyListener listener, ServiceIdentity identity) {
    this.publisher = publisher;
    this.listener = listener;
    this.identity = identity;
  }

  /**
   * Sends {@code request} and returns its outcome. The future fails with {@link
   * RequestTimeoutException} when nothing arrives in time, and with {@link MessagingException} when
   * Kafka does not take the request.
   */
  public CompletableFuture<Enveloped<Message>> send(Message request, Duration timeout) {
    return send(envelope(request, timeout), request, timeout);
  }

  /**
   * The envelope {@link #send(Message, Duration)} would give {@code request}: a new conversation
   * (its correlation id is its own id) with a deadline {@code timeout} from now. A caller that
   * records the correlation id (the gateway's audit) makes it first and sends with it.
   */
  public Envelope envelope(Message request, Duration timeout) {
    return Envelope.first(identity.source(), Catalogue.of(request.getClass()), request.subject())
        .withDeadline(Instant.now().plus(timeout));
  }

  /** Sends {@code request} in an envelope made by {@link #envelope(Message, Duration)}. */
  public CompletableFuture<Enveloped<Message>> send(
      Envelope envelope, Message request, Duration timeout) {
    MessageType<?> type = Catalogue.of(request.getClass());
    // A command also causes progress events (build steps); only its outcome completes the wait.
    Predicate<Message> accepts =
        request instanceof Command
            ? message -> Catalogue.isOutcomeOf(type, message)
            : message -> true;
    CompletableFuture<Enveloped<Message>> outcome = listener.expect(envelope.id(), accepts);
    publisher
        .publish(EventCodec.encode(envelope, request))
        .whenComplete(
            (ack, error) -> {
              if (error != null) {
                outcome.completeExceptionally(
                    new MessagingException("Kafka did not take " + envelope.type(), error));
              }
            });
    Duration wait = request instanceof Command ? timeout.plus(GRACE) : timeout;
    return outcome
        .orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(
            error -> {
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              if (cause instanceof TimeoutException) {
                return CompletableFuture.failedFuture(
                    new RequestTimeoutException(envelope.type(), timeout));
              }
              return CompletableFuture.failedFuture(cause);
            });
  }
}
