package io.berth.image.handling;

import io.berth.events.Topic;
import io.berth.messaging.Consumers;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.List;

/**
 * The image-service's consumers: its commands and the queries addressed to it. Started with the
 * application; closed first when it stops, before the database the handlers write to.
 */
@Context
public class Subscriptions implements AutoCloseable {

  private final Consumers consumers;

  public Subscriptions(
      Consumers consumers,
      ImageCommandHandler commands,
      ImageQueryHandler queries,
      ContainerEventHandler containers,
      LayerEventHandler layers) {
    this.consumers = consumers;
    consumers.start("commands", List.of(Topic.IMAGE_COMMANDS.topicName()), commands);
    consumers.start("queries", List.of(Topic.IMAGE_QUERIES.topicName()), queries);
    consumers.start("container-events", List.of(Topic.CONTAINER_EVENTS.topicName()), containers);
    consumers.start("layer-events", List.of(Topic.LAYER_EVENTS.topicName()), layers);
  }

  @PreDestroy
  @Override
  public void close() {
    consumers.close();
  }
}
