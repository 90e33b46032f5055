package io.berth.events.audit;

import io.berth.events.Checks;
import io.berth.events.Event;
import java.time.Instant;
import java.util.Objects;

/**
 * The gateway answered a mutating Docker API request: who asked, what, and how it ended. Published
 * on {@code berth.audit.events} after the response, also for a refused request (4xx), so the audit
 * history names the principal behind every command.
 *
 * @param requestId the gateway's id of the HTTP request
 * @param correlationId the correlation id of the command the request sent, or null if it sent none
 *     (refused before a command, or answered without one)
 * @param principal the authenticated principal or client identity; {@code anonymous} when the
 *     request carried none
 * @param remoteAddress the client's address
 * @param userAgent the client's {@code User-Agent}, or null
 * @param method the HTTP method
 * @param path the request path, without the query
 * @param action the Docker action, for example {@code container.create}
 * @param parameters the query parameters and the command's payload as compact JSON, secrets (
 *     {@code -e} values, build-arg values, registry credentials) redacted
 * @param status the HTTP status of the answer
 * @param outcome the Docker error message of a refused or failed request, or null on success
 * @param time when the gateway answered
 */
public record RequestAudited(
    String requestId,
    String correlationId,
    String principal,
    String remoteAddress,
    String userAgent,
    String method,
    String path,
    String action,
    String parameters,
    int status,
    String outcome,
    Instant time)
    implements Event {
  public RequestAudited {
    Checks.requireText(requestId, "requestId");
    Checks.optionalText(correlationId, "correlationId");
    Checks.requireText(principal, "principal");
    Checks.requireText(remoteAddress, "remoteAddress");
    Checks.optionalText(userAgent, "userAgent");
    Checks.requireText(method, "method");
    Checks.requireText(path, "path");
    Checks.requireText(action, "action");
    Checks.requireText(parameters, "parameters");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status, was " + status);
    }
    Checks.optionalText(outcome, "outcome");
    Objects.requireNonNull(time, "time");
  }

  @Override
  public String subject() {
    return requestId;
  }
}
