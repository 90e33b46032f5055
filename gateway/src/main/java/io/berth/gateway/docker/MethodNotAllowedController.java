package io.berth.gateway.docker;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

/** Answers a method a path does not take as the Engine API does, with Docker's error body. */
@Controller
public class MethodNotAllowedController {

  @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
  public HttpResponse<?> notAllowed(HttpRequest<?> request) {
    return DockerErrorHandlers.error(
        HttpStatus.METHOD_NOT_ALLOWED,
        request.getMethodName() + " is not allowed on " + request.getPath());
  }
}
