package io.berth.image.handling;

import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.image.ImagePullRequested;
import io.berth.image.ImageException;
import io.berth.messaging.ExactlyOnce;
import io.berth.messaging.MessageHandler;
import jakarta.inject.Singleton;

/**
 * Applies image commands exactly once. Image import, load, build and the rest arrive with the
 * layered-images work; until then every image command ends in a clear {@code FAILED_PRECONDITION}
 * outcome, so that no caller waits in vain.
 */
@Singleton
public class ImageCommandHandler implements MessageHandler {

  private final ExactlyOnce exactlyOnce;

  public ImageCommandHandler(ExactlyOnce exactlyOnce) {
    this.exactlyOnce = exactlyOnce;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    exactlyOnce.handle(
        "commands",
        message,
        in -> {
          if (in.payload() instanceof ImagePullRequested pull) {
            throw new ImageException(
                ErrorCode.UNAVAILABLE,
                "cannot pull "
                    + pull.reference()
                    + ": Berth does not pull from registries yet; bring images in with docker"
                    + " import or docker load");
          }
          throw new ImageException(
              ErrorCode.FAILED_PRECONDITION,
              in.envelope().type() + " is not supported by this image-service yet");
        });
  }
}
