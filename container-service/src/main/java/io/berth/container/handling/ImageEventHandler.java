package io.berth.container.handling;

import io.berth.container.store.KnownImages;
import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.image.ImageImported;
import io.berth.messaging.ExactlyOnce;
import io.berth.messaging.MessageHandler;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Learns images from the image-service's events (event-carried state transfer), so that a create
 * never has to ask the image-service.
 */
@Singleton
public class ImageEventHandler implements MessageHandler {

  private final ExactlyOnce exactlyOnce;
  private final KnownImages images;

  public ImageEventHandler(ExactlyOnce exactlyOnce, KnownImages images) {
    this.exactlyOnce = exactlyOnce;
    this.images = images;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    if (message.payload() instanceof ImageImported imported) {
      exactlyOnce.handle(
          "image-events",
          message,
          in -> {
            images.remember(imported.image());
            return List.of();
          });
    }
  }
}
