package io.berth.gateway.docker;

import io.berth.events.Command;
import io.berth.events.Message;
import io.berth.events.container.ContainerExecCreateRequested;
import io.berth.events.container.ContainerExecCreated;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.ContainerKillRequested;
import io.berth.events.container.ContainerKilled;
import io.berth.events.container.ContainerPauseRequested;
import io.berth.events.container.ContainerPaused;
import io.berth.events.container.ContainerRenameRequested;
import io.berth.events.container.ContainerRenamed;
import io.berth.events.container.ContainerRestartRequested;
import io.berth.events.container.ContainerRestarted;
import io.berth.events.container.ContainerStartRequested;
import io.berth.events.container.ContainerStarted;
import io.berth.events.container.ContainerStopRequested;
import io.berth.events.container.ContainerStopped;
import io.berth.events.container.ContainerUnpauseRequested;
import io.berth.events.container.ContainerUnpaused;
import io.berth.events.query.ContainerDetails;
import io.berth.events.query.ContainerInspectRequested;
import io.berth.events.query.ContainerInspected;
import io.berth.events.query.ContainerResolveRequested;
import io.berth.events.query.ContainerResolved;
import io.berth.gateway.bus.Bus;
import io.berth.gateway.docker.json.ContainerInspectJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The container lifecycle beyond create, list and remove: start, stop, kill, restart, pause,
 * unpause, rename, wait, inspect, exec create — each a command or query over Kafka — and the byte
 * carrying endpoints (logs, stats, top, archive, resizes, exec inspection), proxied to the
 * container-service's HTTP server.
 */
@Controller
public class ContainerLifecycleController {

  private final Bus bus;
  private final ContainerWaits waits;
  private final ContainerServiceProxy proxy;

  public ContainerLifecycleController(Bus bus, ContainerWaits waits, ContainerServiceProxy proxy) {
    this.bus = bus;
    this.waits = waits;
    this.proxy = proxy;
  }

  @Post(
      uris = {"/containers/{ref}/start", "/{apiVersion}/containers/{ref}/start"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> start(@PathVariable String ref) {
    return command(
        ref,
        ContainerStartRequested::new,
        outcome ->
            Outcomes.expect(outcome, ContainerStarted.class).alreadyRunning()
                ? HttpResponse.notModified()
                : HttpResponse.noContent(),
        Duration.ofSeconds(60));
  }

  @Post(
      uris = {"/containers/{ref}/stop", "/{apiVersion}/containers/{ref}/stop"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> stop(
      @PathVariable String ref,
      @QueryValue @Nullable Integer t,
      @QueryValue @Nullable String signal) {
    return command(
        ref,
        id -> new ContainerStopRequested(id, t, blankToNull(signal)),
        outcome ->
            Outcomes.expect(outcome, ContainerStopped.class).alreadyStopped()
                ? HttpResponse.notModified()
                : HttpResponse.noContent(),
        Duration.ofSeconds((t == null || t < 0 ? 10 : t) + 60L));
  }

  @Post(
      uris = {"/containers/{ref}/restart", "/{apiVersion}/containers/{ref}/restart"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> restart(
      @PathVariable String ref,
      @QueryValue @Nullable Integer t,
      @QueryValue @Nullable String signal) {
    return command(
        ref,
        id -> new ContainerRestartRequested(id, t, blankToNull(signal)),
        outcome -> {
          Outcomes.expect(outcome, ContainerRestarted.class);
          return HttpResponse.noContent();
        },
        Duration.ofSeconds((t == null || t < 0 ? 10 : t) + 60L));
  }

  @Post(
      uris = {"/containers/{ref}/kill", "/{apiVersion}/containers/{ref}/kill"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> kill(
      @PathVariable String ref, @QueryValue @Nullable String signal) {
    return command(
        ref,
        id -> new ContainerKillRequested(id, blankToNull(signal)),
        outcome -> {
          Outcomes.expect(outcome, ContainerKilled.class);
          return HttpResponse.noContent();
        },
        Duration.ofSeconds(30));
  }

  @Post(
      uris = {"/containers/{ref}/pause", "/{apiVersion}/containers/{ref}/pause"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> pause(@PathVariable String ref) {
    return command(
        ref,
        ContainerPauseRequested::new,
        outcome -> {
          Outcomes.expect(outcome, ContainerPaused.class);
          return HttpResponse.noContent();
        },
        Duration.ofSeconds(30));
  }

  @Post(
      uris = {"/containers/{ref}/unpause", "/{apiVersion}/containers/{ref}/unpause"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> unpause(@PathVariable String ref) {
    return command(
        ref,
        ContainerUnpauseRequested::new,
        outcome -> {
          Outcomes.expect(outcome, ContainerUnpaused.class);
          return HttpResponse.noContent();
        },
        Duration.ofSeconds(30));
  }

  @Post(
      uris = {"/containers/{ref}/rename", "/{apiVersion}/containers/{ref}/rename"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> rename(
      @PathVariable String ref, @QueryValue @Nullable String name) {
    if (name == null || name.isBlank()) {
      return CompletableFuture.completedFuture(
          DockerErrorHandlers.error(
              HttpStatus.BAD_REQUEST, "Neither old nor new names may be empty"));
    }
    return command(
        ref,
        id -> new ContainerRenameRequested(id, name),
        outcome -> {
          Outcomes.expect(outcome, ContainerRenamed.class);
          return HttpResponse.noContent();
        },
        Duration.ofSeconds(30));
  }

  @Post(
      uris = {"/containers/{ref}/wait", "/{apiVersion}/containers/{ref}/wait"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> await(
      @PathVariable String ref, @QueryValue @Nullable String condition) {
    ContainerWaits.Condition wanted;
    try {
      wanted = ContainerWaits.Condition.parse(condition);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    // Docker writes the status and headers at once and the body when the wait ends; the CLI
    // waits for the headers before it starts the container.
    return resolve(ref)
        .<HttpResponse<?>>thenApply(
            id -> {
              CompletableFuture<Integer> exit = waits.register(id, wanted);
              CompletableFuture<Integer> code =
                  wanted != ContainerWaits.Condition.NOT_RUNNING
                      ? exit
                      : inspect(id)
                          .thenCompose(
                              details -> {
                                boolean running =
                                    details.status().equals("running")
                                        || details.status().equals("paused")
                                        || details.status().equals("restarting");
                                if (!running) {
                                  exit.cancel(false);
                                  return CompletableFuture.completedFuture(details.exitCode());
                                }
                                return exit;
                              });
              Flux<byte[]> body =
                  Flux.concat(
                      Mono.just(" ".getBytes(StandardCharsets.US_ASCII)),
                      Mono.fromFuture(code)
                          .map(
                              status ->
                                  ("{\"StatusCode\":" + status + ",\"Error\":null}\n")
                                      .getBytes(StandardCharsets.US_ASCII))
                          .doOnCancel(() -> exit.cancel(false)));
              // A JSON media type would make Micronaut frame the chunks as a JSON array; the
              // clients decode the body as JSON whatever its type says.
              return HttpResponse.ok(body).contentType(MediaType.TEXT_PLAIN_TYPE);
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Get(uris = {"/containers/{ref}/json", "/{apiVersion}/containers/{ref}/json"})
  public CompletableFuture<HttpResponse<?>> inspect(
      @PathVariable String ref, @QueryValue(defaultValue = "false") String size) {
    return inspect(ref)
        .<HttpResponse<?>>thenApply(details -> HttpResponse.ok(ContainerInspectJson.of(details)))
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Post(
      uris = {"/containers/{ref}/exec", "/{apiVersion}/containers/{ref}/exec"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> execCreate(
      @PathVariable String ref, @Body @Nullable byte[] body) {
    com.fasterxml.jackson.databind.JsonNode json;
    try {
      json = io.berth.events.EventCodec.mapper().readTree(body == null ? new byte[0] : body);
    } catch (IOException e) {
      return CompletableFuture.completedFuture(
          DockerErrorHandlers.error(HttpStatus.BAD_REQUEST, "invalid JSON: " + e.getMessage()));
    }
    if (json == null || !json.path("Cmd").isArray() || json.path("Cmd").isEmpty()) {
      return CompletableFuture.completedFuture(
          DockerErrorHandlers.error(HttpStatus.BAD_REQUEST, "No exec command specified"));
    }
    List<String> cmd = strings(json.path("Cmd"));
    List<String> env = strings(json.path("Env"));
    String user = text(json.path("User"));
    String workingDir = text(json.path("WorkingDir"));
    boolean tty = json.path("Tty").asBoolean(false);
    String execId = ContainerIds.newId();
    return command(
        ref,
        id ->
            new ContainerExecCreateRequested(
                id,
                execId,
                cmd,
                env,
                user,
                workingDir,
                tty,
                json.path("AttachStdin").asBoolean(false),
                json.path("AttachStdout").asBoolean(false),
                json.path("AttachStderr").asBoolean(false),
                json.path("Privileged").asBoolean(false)),
        outcome -> {
          Outcomes.expect(outcome, ContainerExecCreated.class);
          return HttpResponse.status(HttpStatus.CREATED).body(Map.of("Id", execId));
        },
        Duration.ofSeconds(30));
  }

  // --- proxied to the container-service ------------------------------------------------------

  @Get(uris = {"/containers/{ref}/logs", "/{apiVersion}/containers/{ref}/logs"})
  public CompletableFuture<HttpResponse<?>> logs(HttpRequest<?> request, @PathVariable String ref) {
    return proxied(request, ref, "logs", null);
  }

  @Get(uris = {"/containers/{ref}/top", "/{apiVersion}/containers/{ref}/top"})
  public CompletableFuture<HttpResponse<?>> top(HttpRequest<?> request, @PathVariable String ref) {
    return proxied(request, ref, "top", null);
  }

  @Get(uris = {"/containers/{ref}/stats", "/{apiVersion}/containers/{ref}/stats"})
  public CompletableFuture<HttpResponse<?>> stats(
      HttpRequest<?> request, @PathVariable String ref) {
    return proxied(request, ref, "stats", null);
  }

  @Get(uris = {"/containers/{ref}/archive", "/{apiVersion}/containers/{ref}/archive"})
  public CompletableFuture<HttpResponse<?>> getArchive(
      HttpRequest<?> request, @PathVariable String ref) {
    return proxied(request, ref, "archive", null);
  }

  @Put(
      uris = {"/containers/{ref}/archive", "/{apiVersion}/containers/{ref}/archive"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> putArchive(
      HttpRequest<?> request, @PathVariable String ref, @Body @Nullable InputStream body) {
    return proxied(request, ref, "archive", body);
  }

  @Post(
      uris = {"/containers/{ref}/resize", "/{apiVersion}/containers/{ref}/resize"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> resize(
      HttpRequest<?> request, @PathVariable String ref) {
    return proxied(request, ref, "resize", null);
  }

  @Get(uris = {"/exec/{execId}/json", "/{apiVersion}/exec/{execId}/json"})
  public CompletableFuture<HttpResponse<?>> execInspect(
      HttpRequest<?> request, @PathVariable String execId) {
    return proxy.forward("GET", "/exec/" + execId + "/json" + query(request), null);
  }

  @Post(
      uris = {"/exec/{execId}/resize", "/{apiVersion}/exec/{execId}/resize"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> execResize(
      HttpRequest<?> request, @PathVariable String execId) {
    return proxy.forward("POST", "/exec/" + execId + "/resize" + query(request), null);
  }

  private CompletableFuture<HttpResponse<?>> proxied(
      HttpRequest<?> request, String ref, String what, InputStream body) {
    return resolve(ref)
        .thenCompose(
            id ->
                proxy.forward(
                    request.getMethodName(),
                    "/containers/" + id + "/" + what + query(request),
                    body))
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  private static String query(HttpRequest<?> request) {
    String raw = request.getUri().getRawQuery();
    return raw == null || raw.isEmpty() ? "" : "?" + raw;
  }

  // --- helpers -------------------------------------------------------------------------------

  private CompletableFuture<HttpResponse<?>> command(
      String ref,
      Function<String, Command> command,
      Function<io.berth.events.Enveloped<Message>, HttpResponse<?>> answer,
      Duration timeout) {
    return resolveFast(ref)
        .thenCompose(id -> bus.command(command.apply(id), timeout))
        .<HttpResponse<?>>thenApply(answer::apply)
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  /**
   * The full id of a reference. A full id (what the CLI sends after create) needs no round trip: a
   * command for a container that does not exist ends in NOT_FOUND all the same.
   */
  private CompletableFuture<String> resolveFast(String ref) {
    return ContainerIds.isId(ref) ? CompletableFuture.completedFuture(ref) : resolve(ref);
  }

  private CompletableFuture<String> resolve(String ref) {
    return bus.query(new ContainerResolveRequested(UUID.randomUUID().toString(), ref))
        .thenApply(reply -> Outcomes.expect(reply, ContainerResolved.class).containerId());
  }

  private CompletableFuture<ContainerDetails> inspect(String ref) {
    return bus.query(new ContainerInspectRequested(UUID.randomUUID().toString(), ref))
        .thenApply(reply -> Outcomes.expect(reply, ContainerInspected.class).container());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode node) {
    return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
  }

  private static List<String> strings(com.fasterxml.jackson.databind.JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    }
    return values;
  }
}
