package io.berth.container;

import io.berth.events.ErrorCode;
import io.berth.messaging.CodedError;

/** The container-service's one exception root: an error category and a sentence. */
public class ContainerException extends RuntimeException implements CodedError {

  private final ErrorCode code;

  public ContainerException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ContainerException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  @Override
  public ErrorCode code() {
    return code;
  }

  /** Docker's wording for an unknown container. */
  public static ContainerException noSuchContainer(String reference) {
    return new ContainerException(ErrorCode.NOT_FOUND, "No such container: " + reference);
  }
}
