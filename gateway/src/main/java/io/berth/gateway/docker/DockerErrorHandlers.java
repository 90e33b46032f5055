package io.berth.gateway.docker;

import io.berth.gateway.content.ContentStoreException;
import io.berth.messaging.MessagingException;
import io.berth.messaging.reply.RequestTimeoutException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns exceptions into Docker's error answers: a status and {@code {"message": ...}}. */
public final class DockerErrorHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(DockerErrorHandlers.class);

  private DockerErrorHandlers() {}

  static MutableHttpResponse<Map<String, String>> error(HttpStatus status, String message) {
    return HttpResponse.<Map<String, String>>status(status)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(Map.of("message", message));
  }

  /** Maps any throwable, unwrapping completion wrappers, to a Docker error answer. */
  public static HttpResponse<?> toResponse(Throwable thrown) {
    Throwable error = thrown;
    while (error instanceof CompletionException && error.getCause() != null) {
      error = error.getCause();
    }
    if (error instanceof DockerApiException docker) {
      return error(docker.status(), docker.getMessage());
    }
    if (error instanceof ContentStoreException store) {
      return toResponse(DockerApiException.of(store.code(), store.getMessage()));
    }
    if (error instanceof RequestTimeoutException timeout) {
      return error(
          HttpStatus.GATEWAY_TIMEOUT,
          "Berth did not get an answer to "
              + timeout.requestType()
              + " within "
              + timeout.timeout().toMillis()
              + " ms; the service that owns it may be down. A command that arrives after its"
              + " deadline is refused by the service, so nothing was done.");
    }
    if (error instanceof MessagingException messaging) {
      return error(
          HttpStatus.SERVICE_UNAVAILABLE,
          "Berth's message bus is unavailable: " + messaging.getMessage());
    }
    LOG.error("unexpected error", error);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, String.valueOf(error.getMessage()));
  }

  @Singleton
  @Produces
  @Requires(classes = {DockerApiException.class, ExceptionHandler.class})
  static final class Docker implements ExceptionHandler<DockerApiException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, DockerApiException exception) {
      return toResponse(exception);
    }
  }

  @Singleton
  @Produces
  @Requires(classes = {RequestTimeoutException.class, ExceptionHandler.class})
  static final class Timeout implements ExceptionHandler<RequestTimeoutException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, RequestTimeoutException exception) {
      return toResponse(exception);
    }
  }

  @Singleton
  @Produces
  @Requires(classes = {MessagingException.class, ExceptionHandler.class})
  static final class Messaging implements ExceptionHandler<MessagingException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, MessagingException exception) {
      return toResponse(exception);
    }
  }

  @Singleton
  @Produces
  @Requires(classes = {ContentStoreException.class, ExceptionHandler.class})
  static final class ContentStore
      implements ExceptionHandler<ContentStoreException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, ContentStoreException exception) {
      return toResponse(exception);
    }
  }

  @Singleton
  @Produces
  @Requires(classes = {ConversionErrorException.class, ExceptionHandler.class})
  static final class Conversion
      implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
      return error(
          HttpStatus.BAD_REQUEST,
          "invalid parameter " + exception.getArgument().getName() + ": " + exception.getMessage());
    }
  }
}
