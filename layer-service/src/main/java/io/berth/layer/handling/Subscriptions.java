package io.berth.layer.handling;

import io.berth.events.Topic;
import io.berth.messaging.Consumers;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.List;

/**
 * The layer-service's consumers: its commands and the queries addressed to it. Started with the
 * application; closed first when it stops, before the database the handlers write to.
 */
@Context
public class Subscriptions implements AutoCloseable {

  private final Consumers consumers;

  public Subscriptions(
      Consumers consumers,
      LayerCommandHandler commands,
      LayerQueryHandler queries,
      ImageEventHandler images) {
    this.consumers = consumers;
    consumers.start("commands", List.of(Topic.LAYER_COMMANDS.topicName()), commands);
    consumers.start("queries", List.of(Topic.LAYER_QUERIES.topicName()), queries);
    consumers.start("image-events", List.of(Topic.IMAGE_EVENTS.topicName()), images);
  }

  @PreDestroy
  @Override
  public void close() {
    consumers.close();
  }
}
