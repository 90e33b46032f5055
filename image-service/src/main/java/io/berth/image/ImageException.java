package io.berth.image;

import io.berth.events.ErrorCode;
import io.berth.messaging.CodedError;

/** The image-service's one exception root: an error category and a sentence. */
public class ImageException extends RuntimeException implements CodedError {

  private final ErrorCode code;

  public ImageException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
