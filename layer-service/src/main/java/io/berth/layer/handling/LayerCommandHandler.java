package io.berth.layer.handling;

import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.layer.LayerException;
import io.berth.messaging.ExactlyOnce;
import io.berth.messaging.MessageHandler;
import jakarta.inject.Singleton;

/**
 * Applies image commands exactly once. Blob, snapshot and diff commands arrive with the
 * layered-images work; until then every layer command ends in a clear {@code FAILED_PRECONDITION}
 * outcome, so that no caller waits in vain.
 */
@Singleton
public class LayerCommandHandler implements MessageHandler {

  private final ExactlyOnce exactlyOnce;

  public LayerCommandHandler(ExactlyOnce exactlyOnce) {
    this.exactlyOnce = exactlyOnce;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    exactlyOnce.handle(
        "commands",
        message,
        in -> {
          throw new LayerException(
              ErrorCode.FAILED_PRECONDITION,
              in.envelope().type() + " is not supported by this layer-service yet");
        });
  }
}
