package io.berth.gateway.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import io.berth.events.container.ContainerIds;
import io.berth.events.query.VolumeDetails;
import io.berth.events.query.VolumeListReported;
import io.berth.events.query.VolumeListRequested;
import io.berth.events.volume.VolumeCreateRequested;
import io.berth.events.volume.VolumeCreated;
import io.berth.events.volume.VolumeNames;
import io.berth.events.volume.VolumePruneRequested;
import io.berth.events.volume.VolumeRemoveRequested;
import io.berth.events.volume.VolumeRemoved;
import io.berth.events.volume.VolumesPruned;
import io.berth.gateway.bus.Bus;
import io.berth.gateway.docker.json.VolumeJson;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Volumes: {@code docker volume create/ls/inspect/rm/prune}. The container-service of the node
 * keeps them: commands go on {@code berth.volume.commands}, the list is a query to it, and the
 * answers are shaped as the Engine API shapes them.
 */
@Controller
public class VolumesController {

  private static final Set<String> LIST_FILTERS = Set.of("dangling", "driver", "label", "name");
  private static final Set<String> PRUNE_FILTERS = Set.of("all", "label");

  private final Bus bus;

  public VolumesController(Bus bus) {
    this.bus = bus;
  }

  @Get(uris = {"/volumes", "/{apiVersion}/volumes"})
  public CompletableFuture<HttpResponse<?>> list(@QueryValue @Nullable String filters) {
    FilterArgs args;
    try {
      args = FilterArgs.parse(filters).validate(LIST_FILTERS);
      args.bool("dangling", false);
    } catch (DockerApiException e) {
      return failed(e);
    }
    return volumes()
        .<HttpResponse<?>>thenApply(
            all ->
                HttpResponse.ok(VolumeJson.list(all.stream().filter(v -> keep(v, args)).toList())))
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Get(uris = {"/volumes/{name}", "/{apiVersion}/volumes/{name}"})
  public CompletableFuture<HttpResponse<?>> inspect(@PathVariable String name) {
    return volumes()
        .<HttpResponse<?>>thenApply(
            all ->
                HttpResponse.ok(
                    VolumeJson.of(
                        all.stream()
                            .filter(v -> v.name().equals(name))
                            .findFirst()
                            .orElseThrow(
                                () ->
                                    new DockerApiException(
                                        HttpStatus.NOT_FOUND,
                                        "get " + name + ": no such volume")))))
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Post(
      uris = {"/volumes/create", "/{apiVersion}/volumes/create"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> create(@Body @Nullable byte[] body) {
    VolumeCreateRequested command;
    try {
      command = parseCreate(body);
    } catch (DockerApiException e) {
      return failed(e);
    }
    return bus.command(command)
        .<HttpResponse<?>>thenApply(
            outcome ->
                HttpResponse.status(HttpStatus.CREATED)
                    .body(VolumeJson.of(Outcomes.expect(outcome, VolumeCreated.class))))
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Delete(uris = {"/volumes/{name}", "/{apiVersion}/volumes/{name}"})
  public CompletableFuture<HttpResponse<?>> remove(
      @PathVariable String name, @QueryValue @Nullable String force) {
    return bus.command(new VolumeRemoveRequested(name, DockerParams.bool(force)))
        .<HttpResponse<?>>thenApply(
            outcome -> {
              Outcomes.expect(outcome, VolumeRemoved.class);
              return HttpResponse.noContent();
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Post(
      uris = {"/volumes/prune", "/{apiVersion}/volumes/prune"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> prune(@QueryValue @Nullable String filters) {
    VolumePruneRequested command;
    try {
      FilterArgs args = FilterArgs.parse(filters).validate(PRUNE_FILTERS);
      command =
          new VolumePruneRequested(
              UUID.randomUUID().toString(), args.bool("all", false), args.get("label"));
    } catch (DockerApiException e) {
      return failed(e);
    }
    return bus.command(command)
        .<HttpResponse<?>>thenApply(
            outcome -> {
              VolumesPruned pruned = Outcomes.expect(outcome, VolumesPruned.class);
              return HttpResponse.ok(
                  VolumeJson.pruneReport(pruned.deleted(), pruned.spaceReclaimed()));
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  private CompletableFuture<List<VolumeDetails>> volumes() {
    return bus.query(new VolumeListRequested(UUID.randomUUID().toString()))
        .thenApply(reply -> Outcomes.expect(reply, VolumeListReported.class).volumes());
  }

  /** moby's volume list filters: {@code dangling}, {@code driver}, {@code label}, {@code name}. */
  private static boolean keep(VolumeDetails volume, FilterArgs args) {
    if (args.contains("dangling")
        && args.bool("dangling", false) != volume.containers().isEmpty()) {
      return false;
    }
    if (!args.get("driver").isEmpty() && !args.get("driver").contains(volume.driver())) {
      return false;
    }
    if (!args.get("name").isEmpty()
        && args.get("name").stream().noneMatch(n -> volume.name().contains(n))) {
      return false;
    }
    return args.matchLabels("label", volume.labels());
  }

  /** The body of {@code POST /volumes/create}: a missing name gets a random one, as in Docker. */
  private static VolumeCreateRequested parseCreate(byte[] body) {
    JsonNode json = EventCodec.mapper().createObjectNode();
    if (body != null && body.length > 0) {
      try {
        json = EventCodec.mapper().readTree(body);
      } catch (IOException e) {
        throw DockerApiException.badRequest("invalid JSON: " + e.getMessage());
      }
    }
    String name = json.path("Name").asText("");
    if (name.isEmpty()) {
      name = ContainerIds.newId();
    }
    try {
      VolumeNames.require(name);
      return new VolumeCreateRequested(
          name,
          json.path("Driver").asText(""),
          map(json.get("Labels")),
          map(json.get("DriverOpts")));
    } catch (IllegalArgumentException e) {
      throw DockerApiException.badRequest(e.getMessage());
    }
  }

  private static Map<String, String> map(JsonNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    }
    return values;
  }

  private static CompletableFuture<HttpResponse<?>> failed(DockerApiException e) {
    return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
  }
}
