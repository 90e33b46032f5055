package io.berth.layer.http;

import io.berth.layer.LayerException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a refused blob request with a status for its error code and a JSON message. */
@Produces
@Singleton
@Requires(classes = {LayerException.class, ExceptionHandler.class})
public class LayerErrorHandler implements ExceptionHandler<LayerException, HttpResponse<?>> {

  @Override
  public HttpResponse<?> handle(HttpRequest request, LayerException e) {
    HttpStatus status =
        switch (e.code()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
          case ALREADY_EXISTS, FAILED_PRECONDITION -> HttpStatus.CONFLICT;
          case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
          default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    return HttpResponse.status(status).body(BlobController.error(e.getMessage()));
  }
}
