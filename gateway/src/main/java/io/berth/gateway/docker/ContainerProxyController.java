package io.berth.gateway.docker;

import io.berth.gateway.bus.Bus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The container endpoints that carry bulk or live bytes ({@code logs}, {@code stats}, {@code top},
 * {@code archive}, {@code resize}, {@code changes}, and an exec's {@code start}, {@code resize} and
 * {@code json}): passed to the container-service's HTTP server at the same path without the version
 * prefix, the container's reference replaced by its full id, with the query string, status, headers
 * that matter and body streamed through unchanged. These requests block on that server, so they run
 * on the blocking executor.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContainerProxyController {

  private final Bus bus;
  private final ContainerServiceClient containerService;

  public ContainerProxyController(Bus bus, ContainerServiceClient containerService) {
    this.bus = bus;
    this.containerService = containerService;
  }

  @Get(uris = {"/containers/{ref}/logs", "/{apiVersion}/containers/{ref}/logs"})
  public HttpResponse<?> logs(@PathVariable String ref, HttpRequest<?> request) {
    return toContainer(ref, "logs", request, null);
  }

  @Get(uris = {"/containers/{ref}/top", "/{apiVersion}/containers/{ref}/top"})
  public HttpResponse<?> top(@PathVariable String ref, HttpRequest<?> request) {
    return toContainer(ref, "top", request, null);
  }

  @Get(uris = {"/containers/{ref}/stats", "/{apiVersion}/containers/{ref}/stats"})
  public HttpResponse<?> stats(@PathVariable String ref, HttpRequest<?> request) {
    return toContainer(ref, "stats", request, null);
  }

  @Get(uris = {"/containers/{ref}/changes", "/{apiVersion}/containers/{ref}/changes"})
  public HttpResponse<?> changes(@PathVariable String ref, HttpRequest<?> request) {
    return toContainer(ref, "changes", request, null);
  }

  /**
   * Any {@code Accept}: docker-java asks for {@code application/x-tar}, the Engine never checks.
   */
  @Get(
      uris = {"/containers/{ref}/archive", "/{apiVersion}/containers/{ref}/archive"},
      produces = MediaType.ALL)
  public HttpResponse<?> archive(@PathVariable String ref, HttpRequest<?> request) {
    return toContainer(ref, "archive", request, null);
  }

  @Head(uris = {"/containers/{ref}/archive", "/{apiVersion}/containers/{ref}/archive"})
  public HttpResponse<?> archiveStat(@PathVariable String ref, HttpRequest<?> request) {
    return toContainer(ref, "archive", request, null);
  }

  @Put(
      uris = {"/containers/{ref}/archive", "/{apiVersion}/containers/{ref}/archive"},
      consumes = MediaType.ALL)
  public HttpResponse<?> extract(
      @PathVariable String ref, HttpRequest<?> request, @Body @Nullable InputStream body) {
    try {
      return toContainer(ref, "archive", request, body);
    } finally {
      closeQuietly(body);
    }
  }

  @Post(
      uris = {"/containers/{ref}/resize", "/{apiVersion}/containers/{ref}/resize"},
      consumes = MediaType.ALL)
  public HttpResponse<?> resize(@PathVariable String ref, HttpRequest<?> request) {
    return toContainer(ref, "resize", request, null);
  }

  @Post(
      uris = {"/exec/{id}/start", "/{apiVersion}/exec/{id}/start"},
      consumes = MediaType.ALL)
  public HttpResponse<?> execStart(
      @PathVariable String id, HttpRequest<?> request, @Body @Nullable InputStream body) {
    try {
      return forward("/exec/" + id + "/start", request, body);
    } finally {
      closeQuietly(body);
    }
  }

  @Post(
      uris = {"/exec/{id}/resize", "/{apiVersion}/exec/{id}/resize"},
      consumes = MediaType.ALL)
  public HttpResponse<?> execResize(@PathVariable String id, HttpRequest<?> request) {
    return forward("/exec/" + id + "/resize", request, null);
  }

  @Get(uris = {"/exec/{id}/json", "/{apiVersion}/exec/{id}/json"})
  public HttpResponse<?> execInspect(@PathVariable String id, HttpRequest<?> request) {
    return forward("/exec/" + id + "/json", request, null);
  }

  private HttpResponse<?> toContainer(
      String ref, String action, HttpRequest<?> request, @Nullable InputStream body) {
    try {
      String id = ContainerRefs.id(bus, ref).join();
      return forward("/containers/" + id + "/" + action, request, body);
    } catch (RuntimeException e) {
      return DockerErrorHandlers.toResponse(e);
    }
  }

  private HttpResponse<?> forward(String path, HttpRequest<?> request, @Nullable InputStream body) {
    try {
      String query = request.getUri().getRawQuery();
      Map<String, String> headers = new LinkedHashMap<>();
      request.getHeaders().forEachValue(headers::putIfAbsent);
      ContainerServiceClient.Answer answer =
          containerService.send(
              request.getMethodName(),
              query == null || query.isEmpty() ? path : path + "?" + query,
              headers,
              body);
      return answer(answer, request.getMethod() == HttpMethod.HEAD);
    } catch (RuntimeException e) {
      return DockerErrorHandlers.toResponse(e);
    }
  }

  /** The container-service's answer as the client's: status, headers and the streaming body. */
  static MutableHttpResponse<?> answer(ContainerServiceClient.Answer answer, boolean head) {
    MutableHttpResponse<Object> response =
        HttpResponse.status(HttpStatus.OK).status(answer.status());
    answer
        .headers()
        .forEach(
            (name, value) -> {
              if (name.equalsIgnoreCase("Content-Type")) {
                response.contentType(value);
              } else {
                response.header(name, value);
              }
            });
    if (head || answer.bodiless()) {
      closeQuietly(answer.body());
      return response;
    }
    return response.body(answer.body());
  }

  private static void closeQuietly(@Nullable InputStream stream) {
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException e) {
        // the answer is given; a failing close changes nothing for the client
      }
    }
  }
}
