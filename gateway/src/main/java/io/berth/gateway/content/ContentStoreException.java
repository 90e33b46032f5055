package io.berth.gateway.content;

import io.berth.events.ErrorCode;

/** The content store refused a request or could not be reached; carries the error category. */
public class ContentStoreException extends RuntimeException {

  private final ErrorCode code;

  public ContentStoreException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ContentStoreException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The error category, which the gateway maps to an HTTP status. */
  public ErrorCode code() {
    return code;
  }
}
