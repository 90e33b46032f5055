package io.berth.gateway.bus;

import io.berth.events.Command;
import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.Query;
import io.berth.messaging.reply.RequestReply;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The gateway's one way to the services: a command or query out, its outcome back. */
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
    return requestReply.send(command, commandTimeout);
  }

  /**
   * Sends a command that may take longer than the default timeout allows (loading, importing or
   * saving an archive); completes with its outcome event or fails after {@code timeout}. The
   * command carries that deadline, so the service refuses it if it arrives later.
   */
  public CompletableFuture<Enveloped<Message>> command(Command command, Duration timeout) {
    return requestReply.send(command, timeout);
  }

  /** Sends a query; completes with its reply (an answer or QueryFailed). */
  public CompletableFuture<Enveloped<Message>> query(Query query) {
    return requestReply.send(query, queryTimeout);
  }
}
