package io.berth.gateway.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import io.berth.events.container.ContainerCreateRequested;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.ContainerRemoveRequested;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.image.ImageRef;
import io.berth.events.query.ContainerListReported;
import io.berth.events.query.ContainerListRequested;
import io.berth.events.query.ContainerResolveRequested;
import io.berth.events.query.ContainerResolved;
import io.berth.events.query.ContainerSummary;
import io.berth.gateway.bus.Bus;
import io.berth.gateway.docker.json.ContainerCreateJson;
import io.berth.gateway.docker.json.ContainerListJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Container lifecycle commands: each request becomes a command on {@code berth.container.commands}
 * and is answered when its outcome event arrives.
 */
@Controller
public class ContainersController {

  private final Bus bus;

  public ContainersController(Bus bus) {
    this.bus = bus;
  }

  @Post(
      uris = {"/containers/create", "/{apiVersion}/containers/create"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> create(
      @QueryValue @Nullable String name, @Body @Nullable byte[] body) {
    ContainerCreateRequested command;
    try {
      command = parseCreate(name, body);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    return bus.command(command)
        .<HttpResponse<?>>thenApply(
            outcome -> {
              ContainerCreated created = Outcomes.expect(outcome, ContainerCreated.class);
              return (HttpResponse<?>)
                  HttpResponse.status(HttpStatus.CREATED)
                      .body(Map.of("Id", created.containerId(), "Warnings", List.of()));
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Get(uris = {"/containers/json", "/{apiVersion}/containers/json"})
  public CompletableFuture<HttpResponse<?>> list(
      @QueryValue(defaultValue = "false") String all,
      @QueryValue(defaultValue = "-1") int limit,
      @QueryValue @Nullable String filters) {
    Predicate<ContainerSummary> filter;
    try {
      filter = ContainerListJson.filter(filters);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          DockerErrorHandlers.toResponse(DockerApiException.badRequest(e.getMessage())));
    }
    return bus.query(
            new ContainerListRequested(UUID.randomUUID().toString(), flag(all) || limit > 0))
        .<HttpResponse<?>>thenApply(
            reply -> {
              List<Map<String, Object>> body =
                  Outcomes.expect(reply, ContainerListReported.class).containers().stream()
                      .filter(filter)
                      .limit(limit > 0 ? limit : Long.MAX_VALUE)
                      .map(ContainerListJson::entry)
                      .toList();
              return HttpResponse.ok(body);
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Delete(uris = {"/containers/{ref}", "/{apiVersion}/containers/{ref}"})
  public CompletableFuture<HttpResponse<?>> remove(
      @PathVariable String ref,
      @QueryValue(defaultValue = "false") String force,
      @QueryValue(defaultValue = "false") String v) {
    return bus.query(new ContainerResolveRequested(UUID.randomUUID().toString(), ref))
        .thenCompose(
            reply -> {
              ContainerResolved resolved = Outcomes.expect(reply, ContainerResolved.class);
              return bus.command(
                  new ContainerRemoveRequested(resolved.containerId(), flag(force), flag(v)));
            })
        .<HttpResponse<?>>thenApply(
            outcome -> {
              Outcomes.expect(outcome, ContainerRemoved.class);
              return (HttpResponse<?>) HttpResponse.noContent();
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  private static ContainerCreateRequested parseCreate(String name, byte[] body) {
    if (body == null || body.length == 0) {
      throw DockerApiException.badRequest("config cannot be empty in order to create a container");
    }
    JsonNode json;
    try {
      json = EventCodec.mapper().readTree(body);
    } catch (IOException e) {
      throw DockerApiException.badRequest("invalid JSON: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw DockerApiException.badRequest("invalid JSON: expected an object");
    }
    String image = ContainerCreateJson.image(json);
    if (image.isEmpty()) {
      throw DockerApiException.badRequest("No image was specified");
    }
    if (!ImageRef.isValid(image) && !image.matches("(sha256:)?[0-9a-f]{4,64}")) {
      throw DockerApiException.badRequest("invalid reference format: " + image);
    }
    try {
      return new ContainerCreateRequested(
          ContainerIds.newId(),
          name,
          image,
          ContainerCreateJson.config(json),
          ContainerCreateJson.hostConfig(json));
    } catch (IllegalArgumentException e) {
      throw DockerApiException.badRequest(e.getMessage());
    }
  }

  /** Docker's query booleans arrive as {@code 1}, {@code true} or {@code True}. */
  static boolean flag(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }
}
