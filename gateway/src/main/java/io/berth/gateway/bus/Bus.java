package io.berth.gateway.bus;

import io.berth.events.Command;
import io.berth.events.Envelope;
import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.Query;
import io.berth.gateway.audit.RequestCommands;
import io.berth.messaging.reply.RequestReply;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.context.ServerHttpRequestContext;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's one way to the services: a command or query out, its outcome back. A command sent
 * while answering an HTTP request is noted on that request (its correlation id, for the audit); the
 * futures returned complete inside the request's context, so a command sent from their callbacks
 * (after resolving a name) is noted too.
 */
@Singleton
public class Bus {

  private final RequestReply requestReply;
  private final Duration commandTimeout;
  private final Duration queryTimeout;

  public Bus(
      RequestReply requestReply,
      @Value("${gateway.request-timeout:10s}") Duration commandTimeout,
      @Value("${gateway.query-timeout:5s}") Duration queryTimeout) {
    this.requestReply = requestReply;
    this.commandTimeout = commandTimeout;
    this.queryTimeout = queryTimeout;
  }

  /** Sends a command; completes with its outcome event (a success event or CommandFailed). */
  public CompletableFuture<Enveloped<Message>> command(Command command) {
    return command(command, commandTimeout);
  }

  /**
   * Sends a command that may take longer than the default timeout allows (loading, importing or
   * saving an archive); completes with its outcome event or fails after {@code timeout}. The
   * command carries that deadline, so the service refuses it if it arrives later.
   */
  public CompletableFuture<Enveloped<Message>> command(Command command, Duration timeout) {
    Envelope envelope = requestReply.envelope(command, timeout);
    ServerRequestContext.currentRequest()
        .ifPresent(request -> RequestCommands.of(request).sent(envelope, command));
    return inRequestContext(requestReply.send(envelope, command, timeout));
  }

  /** Sends a query; completes with its reply (an answer or QueryFailed). */
  public CompletableFuture<Enveloped<Message>> query(Query query) {
    return inRequestContext(requestReply.send(query, queryTimeout));
  }

  /** The same outcome, completing (and running its callbacks) inside the caller's context. */
  private static <T> CompletableFuture<T> inRequestContext(CompletableFuture<T> outcome) {
    PropagatedContext context = PropagatedContext.getOrEmpty();
    if (context.find(ServerHttpRequestContext.class).isEmpty()) {
      return outcome;
    }
    return outcome.whenCompleteAsync((value, error) -> {}, task -> context.wrap(task).run());
  }
}
