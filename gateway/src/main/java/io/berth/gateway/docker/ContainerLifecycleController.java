package io.berth.gateway.docker;

import io.berth.events.Command;
import io.berth.events.Enveloped;
import io.berth.events.Message;
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
import io.berth.gateway.bus.Bus;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code docker start}, {@code stop}, {@code kill}, {@code restart}, {@code pause}, {@code unpause}
 * and {@code rename}: the reference is resolved to the full id, the command sent, and its outcome
 * answered as the Engine API does (204, or 304 when there was nothing to do).
 */
@Controller
public class ContainerLifecycleController {

  /** Docker's default stop timeout, for a stop or restart that names none. */
  static final int DEFAULT_STOP_SECONDS = 10;

  private final Bus bus;
  private final Duration requestTimeout;

  public ContainerLifecycleController(
      Bus bus, @Value("${gateway.request-timeout:10s}") Duration requestTimeout) {
    this.bus = bus;
    this.requestTimeout = requestTimeout;
  }

  @Post(
      uris = {"/containers/{ref}/start", "/{apiVersion}/containers/{ref}/start"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> start(@PathVariable String ref) {
    return send(
        ref,
        ContainerStartRequested::new,
        requestTimeout,
        outcome ->
            Outcomes.expect(outcome, ContainerStarted.class).alreadyRunning()
                ? HttpResponse.notModified()
                : HttpResponse.noContent());
  }

  @Post(
      uris = {"/containers/{ref}/stop", "/{apiVersion}/containers/{ref}/stop"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> stop(
      @PathVariable String ref,
      @QueryValue @Nullable String t,
      @QueryValue @Nullable String signal) {
    Integer timeout;
    try {
      timeout = seconds(t);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    String stopSignal = DockerParams.text(signal);
    return send(
        ref,
        id -> new ContainerStopRequested(id, timeout, stopSignal),
        stopDeadline(timeout),
        outcome ->
            Outcomes.expect(outcome, ContainerStopped.class).alreadyStopped()
                ? HttpResponse.notModified()
                : HttpResponse.noContent());
  }

  @Post(
      uris = {"/containers/{ref}/restart", "/{apiVersion}/containers/{ref}/restart"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> restart(
      @PathVariable String ref,
      @QueryValue @Nullable String t,
      @QueryValue @Nullable String signal) {
    Integer timeout;
    try {
      timeout = seconds(t);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    String stopSignal = DockerParams.text(signal);
    return send(
        ref,
        id -> new ContainerRestartRequested(id, timeout, stopSignal),
        stopDeadline(timeout),
        outcome -> {
          Outcomes.expect(outcome, ContainerRestarted.class);
          return HttpResponse.noContent();
        });
  }

  @Post(
      uris = {"/containers/{ref}/kill", "/{apiVersion}/containers/{ref}/kill"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> kill(
      @PathVariable String ref, @QueryValue @Nullable String signal) {
    String killSignal = DockerParams.text(signal);
    return send(
        ref,
        id -> new ContainerKillRequested(id, killSignal),
        requestTimeout,
        outcome -> {
          Outcomes.expect(outcome, ContainerKilled.class);
          return HttpResponse.noContent();
        });
  }

  @Post(
      uris = {"/containers/{ref}/pause", "/{apiVersion}/containers/{ref}/pause"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> pause(@PathVariable String ref) {
    return send(
        ref,
        ContainerPauseRequested::new,
        requestTimeout,
        outcome -> {
          Outcomes.expect(outcome, ContainerPaused.class);
          return HttpResponse.noContent();
        });
  }

  @Post(
      uris = {"/containers/{ref}/unpause", "/{apiVersion}/containers/{ref}/unpause"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> unpause(@PathVariable String ref) {
    return send(
        ref,
        ContainerUnpauseRequested::new,
        requestTimeout,
        outcome -> {
          Outcomes.expect(outcome, ContainerUnpaused.class);
          return HttpResponse.noContent();
        });
  }

  @Post(
      uris = {"/containers/{ref}/rename", "/{apiVersion}/containers/{ref}/rename"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> rename(
      @PathVariable String ref, @QueryValue @Nullable String name) {
    String newName;
    try {
      if (name == null || name.isEmpty()) {
        throw DockerApiException.badRequest("Neither old nor new names may be empty");
      }
      newName = ContainerRefs.checkName(name);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    return send(
        ref,
        id -> new ContainerRenameRequested(id, newName),
        requestTimeout,
        outcome -> {
          Outcomes.expect(outcome, ContainerRenamed.class);
          return HttpResponse.noContent();
        });
  }

  /** Resolves the reference, sends the command for its id and maps the outcome. */
  private CompletableFuture<HttpResponse<?>> send(
      String ref,
      Function<String, Command> command,
      Duration timeout,
      Function<Enveloped<Message>, HttpResponse<?>> answer) {
    return ContainerRefs.id(bus, ref)
        .thenCompose(id -> bus.command(command.apply(id), timeout))
        .thenApply(answer)
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  /** A stop may take its whole grace period before the kill; the answer comes after that. */
  private Duration stopDeadline(Integer timeoutSeconds) {
    if (timeoutSeconds != null && timeoutSeconds < 0) {
      return Duration.ofDays(1);
    }
    int grace = timeoutSeconds == null ? DEFAULT_STOP_SECONDS : timeoutSeconds;
    return requestTimeout.plusSeconds(grace);
  }

  /**
   * The {@code t} parameter: seconds to wait before killing, -1 for ever, absent for the default.
   *
   * @throws DockerApiException 400 worded as Go's {@code strconv.Atoi} for a non-number
   */
  static Integer seconds(@Nullable String t) {
    if (t == null || t.isEmpty()) {
      return null;
    }
    int value;
    try {
      value = Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw DockerApiException.badRequest("strconv.Atoi: parsing \"" + t + "\": invalid syntax");
    }
    return value < 0 ? -1 : value;
  }
}
