package io.berth.gateway.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.container.ContainerIds;
import io.berth.events.network.NetworkConnectRequested;
import io.berth.events.network.NetworkConnected;
import io.berth.events.network.NetworkCreateRequested;
import io.berth.events.network.NetworkCreated;
import io.berth.events.network.NetworkDescriptor;
import io.berth.events.network.NetworkDetails;
import io.berth.events.network.NetworkDisconnectRequested;
import io.berth.events.network.NetworkDisconnected;
import io.berth.events.network.NetworkPruneRequested;
import io.berth.events.network.NetworkRemoveRequested;
import io.berth.events.network.NetworkRemoved;
import io.berth.events.network.NetworksPruned;
import io.berth.events.query.NetworkListReported;
import io.berth.events.query.NetworkListRequested;
import io.berth.gateway.bus.Bus;
import io.berth.gateway.docker.json.NetworkJson;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code docker network create/ls/inspect/rm/connect/disconnect/prune}: commands to the
 * container-service, which owns networks, answered when their outcome arrives; list and inspect are
 * one query for every network, filtered and looked up here.
 */
@Controller
public class NetworksController {

  private static final Set<String> FILTERS =
      Set.of("name", "id", "driver", "label", "type", "scope", "dangling");

  private final Bus bus;

  public NetworksController(Bus bus) {
    this.bus = bus;
  }

  @Get(uris = {"/networks", "/{apiVersion}/networks"})
  public CompletableFuture<HttpResponse<?>> list(@QueryValue @Nullable String filters) {
    FilterArgs args;
    try {
      args = FilterArgs.parse(filters).validate(FILTERS);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    return networks()
        .<HttpResponse<?>>thenApply(
            all ->
                HttpResponse.ok(
                    all.stream().filter(n -> matches(n, args)).map(NetworkJson::of).toList()))
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Get(uris = {"/networks/{ref}", "/{apiVersion}/networks/{ref}"})
  public CompletableFuture<HttpResponse<?>> inspect(@PathVariable String ref) {
    return networks()
        .<HttpResponse<?>>thenApply(all -> HttpResponse.ok(NetworkJson.of(find(all, ref))))
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Post(
      uris = {"/networks/create", "/{apiVersion}/networks/create"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> create(@Body @Nullable byte[] body) {
    NetworkCreateRequested command;
    try {
      JsonNode json = json(body);
      String name = json.path("Name").asText("");
      if (name.isEmpty()) {
        throw DockerApiException.badRequest("network name must not be empty");
      }
      JsonNode configs = json.path("IPAM").path("Config");
      String subnet =
          configs.isArray() && !configs.isEmpty() ? text(configs.get(0), "Subnet") : null;
      Map<String, String> labels = new HashMap<>();
      json.path("Labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      command =
          new NetworkCreateRequested(
              ContainerIds.newId(),
              name,
              text(json, "Driver"),
              subnet,
              json.path("Internal").asBoolean(false),
              labels);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    return bus.command(command)
        .<HttpResponse<?>>thenApply(
            outcome -> {
              NetworkCreated created = Outcomes.expect(outcome, NetworkCreated.class);
              return HttpResponse.status(HttpStatus.CREATED)
                  .body(Map.of("Id", created.network().networkId(), "Warning", ""));
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Delete(uris = {"/networks/{ref}", "/{apiVersion}/networks/{ref}"})
  public CompletableFuture<HttpResponse<?>> remove(@PathVariable String ref) {
    return bus.command(new NetworkRemoveRequested(ref))
        .<HttpResponse<?>>thenApply(
            outcome -> {
              Outcomes.expect(outcome, NetworkRemoved.class);
              return HttpResponse.noContent();
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Post(
      uris = {"/networks/{ref}/connect", "/{apiVersion}/networks/{ref}/connect"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> connect(
      @PathVariable String ref, @Body @Nullable byte[] body) {
    JsonNode json;
    try {
      json = json(body);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    List<String> aliases = new ArrayList<>();
    json.path("EndpointConfig").path("Aliases").forEach(a -> aliases.add(a.asText()));
    return ContainerRefs.id(bus, json.path("Container").asText(""))
        .thenCompose(id -> bus.command(new NetworkConnectRequested(ref, id, aliases)))
        .<HttpResponse<?>>thenApply(
            outcome -> {
              Outcomes.expect(outcome, NetworkConnected.class);
              return HttpResponse.ok();
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Post(
      uris = {"/networks/{ref}/disconnect", "/{apiVersion}/networks/{ref}/disconnect"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> disconnect(
      @PathVariable String ref, @Body @Nullable byte[] body) {
    JsonNode json;
    try {
      json = json(body);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    boolean force = json.path("Force").asBoolean(false);
    return ContainerRefs.id(bus, json.path("Container").asText(""))
        .thenCompose(id -> bus.command(new NetworkDisconnectRequested(ref, id, force)))
        .<HttpResponse<?>>thenApply(
            outcome -> {
              Outcomes.expect(outcome, NetworkDisconnected.class);
              return HttpResponse.ok();
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Post(
      uris = {"/networks/prune", "/{apiVersion}/networks/prune"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> prune() {
    return bus.command(new NetworkPruneRequested(UUID.randomUUID().toString()))
        .<HttpResponse<?>>thenApply(
            outcome ->
                HttpResponse.ok(
                    Map.of(
                        "NetworksDeleted", Outcomes.expect(outcome, NetworksPruned.class).names())))
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  private CompletableFuture<List<NetworkDetails>> networks() {
    return bus.query(new NetworkListRequested(UUID.randomUUID().toString()))
        .thenApply(reply -> Outcomes.expect(reply, NetworkListReported.class).networks());
  }

  /** Docker's lookup: full id, exact name, then a unique id prefix. */
  static NetworkDetails find(List<NetworkDetails> all, String ref) {
    for (NetworkDetails n : all) {
      if (n.network().networkId().equals(ref) || n.network().name().equals(ref)) {
        return n;
      }
    }
    List<NetworkDetails> prefixed =
        all.stream().filter(n -> n.network().networkId().startsWith(ref)).toList();
    if (prefixed.size() == 1) {
      return prefixed.get(0);
    }
    throw DockerApiException.of(ErrorCode.NOT_FOUND, "network " + ref + " not found");
  }

  static boolean matches(NetworkDetails details, FilterArgs args) {
    NetworkDescriptor n = details.network();
    boolean builtIn = Set.of("bridge", "host", "none").contains(n.name());
    if (args.contains("name") && args.get("name").stream().noneMatch(n.name()::contains)) {
      return false;
    }
    if (args.contains("id") && args.get("id").stream().noneMatch(n.networkId()::startsWith)) {
      return false;
    }
    if (args.contains("driver") && !args.get("driver").contains(n.driver())) {
      return false;
    }
    if (args.contains("type") && !args.get("type").contains(builtIn ? "builtin" : "custom")) {
      return false;
    }
    if (args.contains("dangling")
        && args.bool("dangling", false) != (!builtIn && details.endpoints().isEmpty())) {
      return false;
    }
    return args.matchLabels("label", n.labels());
  }

  private static JsonNode json(byte[] body) {
    if (body == null || body.length == 0) {
      return EventCodec.mapper().createObjectNode();
    }
    try {
      JsonNode json = EventCodec.mapper().readTree(body);
      if (!json.isObject()) {
        throw DockerApiException.badRequest("invalid JSON: expected an object");
      }
      return json;
    } catch (IOException e) {
      throw DockerApiException.badRequest("invalid JSON: " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }
}
