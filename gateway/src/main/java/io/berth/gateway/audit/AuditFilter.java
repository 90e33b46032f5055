package io.berth.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.berth.events.Catalogue;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import io.berth.events.audit.RequestAudited;
import io.berth.messaging.MessagePublisher;
import io.berth.messaging.ServiceIdentity;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a {@link RequestAudited} on {@code berth.audit.events} for every mutating Docker API
 * request once it is answered, refused ones included: who asked, the action, its parameters with
 * secrets redacted, the correlation id of the command it sent and the status it got.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AuditFilter {

  private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
  private static final ObjectMapper JSON = EventCodec.mapper();

  private final RequestIdentity identity;
  private final MessagePublisher publisher;
  private final ServiceIdentity service;

  public AuditFilter(
      RequestIdentity identity, MessagePublisher publisher, ServiceIdentity service) {
    this.identity = identity;
    this.publisher = publisher;
    this.service = service;
  }

  @ResponseFilter
  public void audit(HttpRequest<?> request, MutableHttpResponse<?> response) {
    DockerAction.of(request.getMethodName(), request.getPath())
        .ifPresent(action -> publish(record(request, response, action)));
  }

  private RequestAudited record(
      HttpRequest<?> request, MutableHttpResponse<?> response, DockerAction action) {
    Caller caller = identity.callerOf(request);
    List<RequestCommands.Sent> sent = RequestCommands.of(request).all();
    String correlationId = sent.isEmpty() ? null : sent.get(0).envelope().correlationId();
    int status = response.code();
    return new RequestAudited(
        UUID.randomUUID().toString(),
        correlationId,
        caller.principal(),
        caller.remoteAddress(),
        caller.userAgent(),
        request.getMethodName(),
        request.getPath(),
        action.action(),
        parameters(request, sent),
        status,
        status >= 400 ? errorMessage(response) : null,
        Instant.now());
  }

  private void publish(RequestAudited audited) {
    Envelope envelope =
        audited.correlationId() == null
            ? Envelope.first(
                service.source(), Catalogue.of(RequestAudited.class), audited.subject())
            : Envelope.correlated(
                service.source(),
                Catalogue.of(RequestAudited.class),
                audited.subject(),
                audited.correlationId());
    publisher
        .publish(EventCodec.encode(envelope, audited))
        .whenComplete(
            (ack, error) -> {
              if (error != null) {
                LOG.error("could not publish the audit record of {}", audited, error);
              }
            });
  }

  /** The query parameters and the commands sent, as compact JSON with secrets redacted. */
  static String parameters(HttpRequest<?> request, List<RequestCommands.Sent> sent) {
    ObjectNode parameters = JSON.createObjectNode();
    ObjectNode query = parameters.putObject("query");
    for (Map.Entry<String, List<String>> parameter : request.getParameters().asMap().entrySet()) {
      List<String> values = parameter.getValue();
      query.set(
          parameter.getKey(),
          values.size() == 1
              ? queryValue(parameter.getKey(), values.get(0))
              : JSON.valueToTree(values));
    }
    ArrayNode commands = parameters.putArray("commands");
    for (RequestCommands.Sent command : sent) {
      ObjectNode entry = commands.addObject();
      entry.put("type", command.envelope().type());
      entry.put("correlationId", command.envelope().correlationId());
      entry.set("payload", JSON.valueToTree(command.command()));
    }
    return Redaction.redact(parameters).toString();
  }

  /** A query value; Docker sends build arguments as a JSON object in {@code buildargs}. */
  private static JsonNode queryValue(String name, String value) {
    if (!name.equalsIgnoreCase("buildargs")) {
      return TextNode.valueOf(value);
    }
    try {
      return JSON.readTree(value);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(Redaction.REDACTED);
    }
  }

  private static String errorMessage(MutableHttpResponse<?> response) {
    return response
        .getBody()
        .map(
            body ->
                body instanceof Map<?, ?> map && map.get("message") != null
                    ? map.get("message").toString()
                    : null)
        .orElse(response.reason());
  }
}
