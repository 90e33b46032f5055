package io.berth.layer.handling;

import io.berth.events.Topic;
import io.berth.messaging.ConsumerLoop;
import io.berth.messaging.DeadLetters;
import io.berth.messaging.KafkaClients;
import io.berth.messaging.ServiceIdentity;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.List;

/** The layer-service's consumers: its commands and the queries addressed to it. */
@Context
public class Subscriptions implements AutoCloseable {

  private final List<ConsumerLoop> loops;

  public Subscriptions(
      KafkaClients clients,
      ServiceIdentity identity,
      DeadLetters deadLetters,
      LayerCommandHandler commands,
      LayerQueryHandler queries) {
    this.loops =
        List.of(
            ConsumerLoop.start(
                clients,
                identity.group("commands"),
                List.of(Topic.LAYER_COMMANDS.topicName()),
                commands,
                deadLetters),
            ConsumerLoop.start(
                clients,
                identity.group("queries"),
                List.of(Topic.QUERY_REQUESTS.topicName()),
                queries,
                deadLetters));
  }

  @PreDestroy
  @Override
  public void close() {
    loops.forEach(ConsumerLoop::close);
  }
}
