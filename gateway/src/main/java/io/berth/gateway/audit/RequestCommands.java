package io.berth.gateway.audit;

import io.berth.events.Command;
import io.berth.events.Envelope;
import io.micronaut.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/** The commands one HTTP request sent, kept on the request for its audit record. Thread-safe. */
public final class RequestCommands {

  private static final String ATTRIBUTE = RequestCommands.class.getName();

  /** One command and the envelope it was sent in. */
  record Sent(Envelope envelope, Command command) {}

  private final List<Sent> sent = new ArrayList<>();

  private RequestCommands() {}

  /** The commands {@code request} sent so far; attached to the request on first use. */
  public static RequestCommands of(HttpRequest<?> request) {
    synchronized (request) {
      return request
          .getAttribute(ATTRIBUTE, RequestCommands.class)
          .orElseGet(
              () -> {
                RequestCommands commands = new RequestCommands();
                request.setAttribute(ATTRIBUTE, commands);
                return commands;
              });
    }
  }

  /** Notes a command the request sent. */
  public synchronized void sent(Envelope envelope, Command command) {
    sent.add(new Sent(envelope, command));
  }

  /** The commands sent, in order. */
  synchronized List<Sent> all() {
    return List.copyOf(sent);
  }
}
