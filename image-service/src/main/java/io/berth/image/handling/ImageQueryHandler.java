package io.berth.image.handling;

import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.query.ImageCountsReported;
import io.berth.events.query.ImageCountsRequested;
import io.berth.image.store.ImageRepository;
import io.berth.messaging.MessageHandler;
import io.berth.messaging.QueryResponder;
import jakarta.inject.Singleton;

/** Answers the queries addressed to the image-service; ignores everyone else's. */
@Singleton
public class ImageQueryHandler implements MessageHandler {

  private final ImageRepository images;
  private final QueryResponder responder;

  public ImageQueryHandler(ImageRepository images, QueryResponder responder) {
    this.images = images;
    this.responder = responder;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    if (message.payload() instanceof ImageCountsRequested counts) {
      responder.reply(message, new ImageCountsReported(counts.requestId(), images.count()));
    }
  }
}
