package io.berth.gateway.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import io.berth.events.container.ContainerCreateRequested;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.ContainerRemoveRequested;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.image.ImageRef;
import io.berth.events.query.ContainerInspectRequested;
import io.berth.events.query.ContainerInspected;
import io.berth.events.query.ContainerListReported;
import io.berth.events.query.ContainerListRequested;
import io.berth.events.query.ContainerSummary;
import io.berth.gateway.bus.Bus;
import io.berth.gateway.docker.json.ContainerCreateJson;
import io.berth.gateway.docker.json.ContainerInspectJson;
import io.berth.gateway.docker.json.ContainerListJson;
import io.micronaut.context.annotation.Value;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Containers as a whole: create, list ({@code docker ps}), inspect and remove. Commands go to
 * {@code berth.container.commands} and are answered when their outcome arrives; list and inspect
 * are queries to the container-service.
 */
@Controller
public class ContainersController {

  private final Bus bus;
  private final Duration removeTimeout;

  public ContainersController(
      Bus bus, @Value("${gateway.request-timeout:10s}") Duration requestTimeout) {
    this.bus = bus;
    // A forced removal of a running container kills it first.
    this.removeTimeout = requestTimeout.plusSeconds(10);
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
      @QueryValue @Nullable String all,
      @QueryValue @Nullable String limit,
      @QueryValue @Nullable String size,
      @QueryValue @Nullable String filters) {
    FilterArgs filterArgs;
    int max;
    try {
      filterArgs = FilterArgs.parse(filters).validate(ContainerFilters.ACCEPTED);
      max = limit == null || limit.isEmpty() ? -1 : parseLimit(limit);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    boolean every = DockerParams.bool(all);
    boolean sizes = DockerParams.bool(size);
    // Every container is asked for: before/since name containers the list may not show.
    return bus.query(new ContainerListRequested(UUID.randomUUID().toString(), true))
        .<HttpResponse<?>>thenApply(
            reply -> {
              List<ContainerSummary> containers =
                  Outcomes.expect(reply, ContainerListReported.class).containers();
              Instant now = Instant.now();
              List<Map<String, Object>> body =
                  ContainerFilters.select(containers, filterArgs, every, max).stream()
                      .map(c -> ContainerListJson.entry(c, sizes, now))
                      .toList();
              return HttpResponse.ok(body);
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Get(uris = {"/containers/{ref}/json", "/{apiVersion}/containers/{ref}/json"})
  public CompletableFuture<HttpResponse<?>> inspect(@PathVariable String ref) {
    return bus.query(new ContainerInspectRequested(UUID.randomUUID().toString(), ref))
        .<HttpResponse<?>>thenApply(
            reply ->
                HttpResponse.ok(
                    ContainerInspectJson.of(
                        Outcomes.expect(reply, ContainerInspected.class).container())))
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  private static int parseLimit(String limit) {
    try {
      return Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      throw DockerApiException.badRequest(
          "strconv.Atoi: parsing \"" + limit + "\": invalid syntax");
    }
  }

  @Delete(uris = {"/containers/{ref}", "/{apiVersion}/containers/{ref}"})
  public CompletableFuture<HttpResponse<?>> remove(
      @PathVariable String ref,
      @QueryValue @Nullable String force,
      @QueryValue @Nullable String v) {
    return ContainerRefs.id(bus, ref)
        .thenCompose(
            id ->
                bus.command(
                    new ContainerRemoveRequested(
                        id, DockerParams.bool(force), DockerParams.bool(v)),
                    removeTimeout))
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
          name == null || name.isEmpty() ? null : ContainerRefs.checkName(name),
          image,
          ContainerCreateJson.config(json),
          ContainerCreateJson.hostConfig(json));
    } catch (IllegalArgumentException e) {
      throw DockerApiException.badRequest(e.getMessage());
    }
  }
}
