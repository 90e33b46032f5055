package io.berth.container.handling;

import io.berth.container.volume.VolumeCommandHandler;
import io.berth.events.Topic;
import io.berth.messaging.Consumers;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.List;

/**
 * The container-service's consumers: its commands, the image events it learns images from, and the
 * queries addressed to it. Started with the application; closed first when it stops, before the
 * database the handlers write to.
 */
@Context
public class Subscriptions implements AutoCloseable {

  private final Consumers consumers;

  public Subscriptions(
      Consumers consumers,
      ImageEventHandler imageEvents,
      ContainerCommandHandler commands,
      ContainerQueryHandler queries,
      LayerEventHandler layerEvents,
      ContainerReconciler reconciler,
      VolumeCommandHandler volumeCommands) {
    this.consumers = consumers;
    // Containers that ran on while the service was down are adopted before any command is taken.
    reconciler.reconcile();
    consumers.start(
        ImageEventHandler.CONSUMER, List.of(Topic.IMAGE_EVENTS.topicName()), imageEvents);
    consumers.start("layer-events", List.of(Topic.LAYER_EVENTS.topicName()), layerEvents);
    consumers.start("commands", List.of(Topic.CONTAINER_COMMANDS.topicName()), commands);
    consumers.start("queries", List.of(Topic.CONTAINER_QUERIES.topicName()), queries);
    consumers.start("volume-commands", List.of(Topic.VOLUME_COMMANDS.topicName()), volumeCommands);
  }

  @PreDestroy
  @Override
  public void close() {
    consumers.close();
  }
}
