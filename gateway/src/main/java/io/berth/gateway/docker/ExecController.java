package io.berth.gateway.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import io.berth.events.container.ContainerExecCreateRequested;
import io.berth.events.container.ContainerExecCreated;
import io.berth.events.container.ContainerIds;
import io.berth.gateway.bus.Bus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /containers/{id}/exec} ({@code docker exec}'s first step): a new exec instance in a
 * running container, answered {@code 201 {"Id": execId}}. Starting, resizing and inspecting it go
 * to the container-service's HTTP server ({@link ContainerProxyController}).
 */
@Controller
public class ExecController {

  private final Bus bus;

  public ExecController(Bus bus) {
    this.bus = bus;
  }

  @Post(
      uris = {"/containers/{ref}/exec", "/{apiVersion}/containers/{ref}/exec"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> create(
      @PathVariable String ref, @Body @Nullable byte[] body) {
    ExecConfig config;
    try {
      config = ExecConfig.parse(body);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    String execId = ContainerIds.newId();
    return ContainerRefs.id(bus, ref)
        .thenCompose(id -> bus.command(config.command(id, execId)))
        .<HttpResponse<?>>thenApply(
            outcome -> {
              ContainerExecCreated created = Outcomes.expect(outcome, ContainerExecCreated.class);
              return HttpResponse.status(HttpStatus.CREATED).body(Map.of("Id", created.execId()));
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  /**
   * The Engine API's {@code ExecConfig}. {@code DetachKeys} and {@code ConsoleSize} are read by the
   * hijacked start, not carried by the command.
   */
  record ExecConfig(
      List<String> cmd,
      List<String> env,
      String user,
      String workingDir,
      boolean tty,
      boolean attachStdin,
      boolean attachStdout,
      boolean attachStderr,
      boolean privileged) {

    ContainerExecCreateRequested command(String containerId, String execId) {
      return new ContainerExecCreateRequested(
          containerId,
          execId,
          cmd,
          env,
          user,
          workingDir,
          tty,
          attachStdin,
          attachStdout,
          attachStderr,
          privileged);
    }

    /**
     * @throws DockerApiException 400 for malformed JSON or no command, worded as moby words it
     */
    static ExecConfig parse(@Nullable byte[] body) {
      JsonNode json;
      try {
        json = body == null || body.length == 0 ? null : EventCodec.mapper().readTree(body);
      } catch (IOException e) {
        throw DockerApiException.badRequest("invalid JSON: " + e.getMessage());
      }
      if (json == null || !json.isObject()) {
        throw DockerApiException.badRequest("No exec command specified");
      }
      List<String> cmd = strings(json.get("Cmd"));
      if (cmd.isEmpty()) {
        throw DockerApiException.badRequest("No exec command specified");
      }
      return new ExecConfig(
          cmd,
          strings(json.get("Env")),
          text(json.get("User")),
          text(json.get("WorkingDir")),
          json.path("Tty").asBoolean(false),
          json.path("AttachStdin").asBoolean(false),
          json.path("AttachStdout").asBoolean(false),
          json.path("AttachStderr").asBoolean(false),
          json.path("Privileged").asBoolean(false));
    }

    private static List<String> strings(JsonNode node) {
      List<String> values = new ArrayList<>();
      if (node != null && node.isTextual()) {
        values.add(node.asText());
      } else if (node != null && node.isArray()) {
        node.forEach(value -> values.add(value.asText()));
      }
      return values;
    }

    private static String text(JsonNode node) {
      return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }
  }
}
