package io.berth.layer;

import io.berth.events.ErrorCode;
import io.berth.messaging.CodedError;

/** The layer-service's one exception root: an error category and a sentence. */
public class LayerException extends RuntimeException implements CodedError {

  private final ErrorCode code;

  public LayerException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
