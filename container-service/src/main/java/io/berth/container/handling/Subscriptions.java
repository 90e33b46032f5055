package io.berth.container.handling;

import io.berth.events.Topic;
import io.berth.messaging.ConsumerLoop;
import io.berth.messaging.DeadLetters;
import io.berth.messaging.KafkaClients;
import io.berth.messaging.ServiceIdentity;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.List;

/**
 * The container-service's consumers: its commands, the image events it learns images from, and the
 * queries addressed to it. Started with the application, stopped before the database closes.
 */
@Context
public class Subscriptions implements AutoCloseable {

  private final List<ConsumerLoop> loops;

  public Subscriptions(
      KafkaClients clients,
      ServiceIdentity identity,
      DeadLetters deadLetters,
      ContainerCommandHandler commands,
      ImageEventHandler imageEvents,
      ContainerQueryHandler queries) {
    this.loops =
        List.of(
            ConsumerLoop.start(
                clients,
                identity.group("image-events"),
                List.of(Topic.IMAGE_EVENTS.topicName()),
                imageEvents,
                deadLetters),
            ConsumerLoop.start(
                clients,
                identity.group("commands"),
                List.of(Topic.CONTAINER_COMMANDS.topicName()),
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
