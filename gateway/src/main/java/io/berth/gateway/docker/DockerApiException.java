package io.berth.gateway.docker;

import io.berth.events.ErrorCode;
import io.micronaut.http.HttpStatus;

/** An error answered as Docker answers it: a status and {@code {"message": ...}}. */
public class DockerApiException extends RuntimeException {

  private final HttpStatus status;

  public DockerApiException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status. */
  public HttpStatus status() {
    return status;
  }

  /** The one place error categories become HTTP statuses. */
  public static DockerApiException of(ErrorCode code, String message) {
    HttpStatus status =
        switch (code) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case ALREADY_EXISTS, FAILED_PRECONDITION -> HttpStatus.CONFLICT;
          case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
          case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
          case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    return new DockerApiException(status, message);
  }

  /** A 400 for a malformed request. */
  public static DockerApiException badRequest(String message) {
    return new DockerApiException(HttpStatus.BAD_REQUEST, message);
  }
}
