package io.berth.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Catalogue;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import io.berth.events.audit.RequestAudited;
import io.berth.gateway.audit.DockerAction;
import io.berth.gateway.audit.Redaction;
import io.berth.messaging.MessagePublisher;
import io.berth.messaging.ServiceIdentity;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits a refused request as a {@link RequestAudited} on {@code berth.audit.events}, reads
 * included: its principal ({@code anonymous}, {@code unauthenticated} or the reader's name),
 * address, status and reason. The action is the Docker action of a mutation ({@code
 * container.create}), else {@code read} for a {@code GET} or {@code HEAD} and {@code request} for
 * anything else.
 */
@Singleton
final class DeniedRequests {

  /** The action of a refused request that is not a Docker mutation but a read. */
  static final String READ = "read";

  /** The action of any other refused request. */
  static final String OTHER = "request";

  private static final Logger LOG = LoggerFactory.getLogger(DeniedRequests.class);
  private static final ObjectMapper JSON = EventCodec.mapper();

  private final MessagePublisher publisher;
  private final ServiceIdentity service;

  DeniedRequests(MessagePublisher publisher, ServiceIdentity service) {
    this.publisher = publisher;
    this.service = service;
  }

  /** Publishes the audit record of a refusal; a failure to publish is logged. */
  void publish(RequestAudited audited) {
    publisher
        .publish(
            EventCodec.encode(
                Envelope.first(
                    service.source(), Catalogue.of(RequestAudited.class), audited.subject()),
                audited))
        .whenComplete(
            (ack, error) -> {
              if (error != null) {
                LOG.error("could not publish the audit record of {}", audited, error);
              }
            });
  }

  /** The audit record of a refused request. */
  static RequestAudited record(
      Decision decision,
      String remoteAddress,
      @Nullable String userAgent,
      String method,
      String path,
      Map<String, List<String>> query) {
    return new RequestAudited(
        UUID.randomUUID().toString(),
        null,
        decision.principal(),
        remoteAddress,
        userAgent == null || userAgent.isBlank() ? null : userAgent,
        method,
        path,
        actionOf(method, path),
        parameters(query),
        decision.status(),
        decision.message(),
        Instant.now());
  }

  static String actionOf(String method, String path) {
    return DockerAction.of(method, path)
        .map(DockerAction::action)
        .orElse(method.equals("GET") || method.equals("HEAD") ? READ : OTHER);
  }

  /** The query, secrets redacted as in every audit record; build arguments wholly. */
  private static String parameters(Map<String, List<String>> query) {
    ObjectNode parameters = JSON.createObjectNode();
    ObjectNode values = parameters.putObject("query");
    query.forEach(
        (name, list) -> {
          if (name.equalsIgnoreCase("buildargs")) {
            values.put(name, Redaction.REDACTED);
          } else if (list.size() == 1) {
            values.put(name, list.get(0));
          } else {
            values.set(name, JSON.valueToTree(list));
          }
        });
    parameters.putArray("commands");
    return Redaction.redact(parameters).toString();
  }
}
