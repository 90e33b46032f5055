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

  /** The HTTP status Docker answers this error with (the container-service's own endpoints). */
  public int httpStatus() {
    return switch (code) {
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, FAILED_PRECONDITION -> 409;
      case INVALID_ARGUMENT -> 400;
      case UNAVAILABLE -> 503;
      default -> 500;
    };
  }

  /** Docker's wording for an unknown container. */
  public static ContainerException noSuchContainer(String reference) {
    return new ContainerException(ErrorCode.NOT_FOUND, "No such container: " + reference);
  }
}
