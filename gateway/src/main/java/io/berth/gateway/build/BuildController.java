package io.berth.gateway.build;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.image.ImageBuildRequested;
import io.berth.gateway.bus.Bus;
import io.berth.gateway.content.BlobInfo;
import io.berth.gateway.content.ContentStoreClient;
import io.berth.gateway.docker.DockerApiException;
import io.berth.gateway.docker.DockerErrorHandlers;
import io.berth.gateway.docker.DockerParams;
import io.berth.messaging.reply.ReplyListener;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code docker build} with the classic builder ({@code POST /build}): the context goes to the
 * content store, the build command to the image-service, and the build's events come back as
 * Docker's build stream while the build runs.
 */
@Controller
public class BuildController {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_STREAM = MediaType.of("application/json");

  private final Bus bus;
  private final ReplyListener listener;
  private final ContentStoreClient contentStore;
  private final Duration buildTimeout;

  public BuildController(
      Bus bus,
      ReplyListener listener,
      ContentStoreClient contentStore,
      @Value("${gateway.build-timeout:2h}") Duration buildTimeout) {
    this.bus = bus;
    this.listener = listener;
    this.contentStore = contentStore;
    this.buildTimeout = buildTimeout;
  }

  @Post(
      uris = {"/build", "/{apiVersion}/build"},
      consumes = MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> build(
      @QueryValue @Nullable List<String> t,
      @QueryValue @Nullable String dockerfile,
      @QueryValue @Nullable String buildargs,
      @QueryValue @Nullable String labels,
      @QueryValue @Nullable String target,
      @QueryValue @Nullable String nocache,
      @QueryValue @Nullable String q,
      @QueryValue @Nullable String rm,
      @QueryValue @Nullable String forcerm,
      @QueryValue @Nullable String pull,
      @QueryValue @Nullable String networkmode,
      @QueryValue @Nullable String cachefrom,
      @QueryValue @Nullable String remote,
      @QueryValue @Nullable String version,
      @Body @Nullable InputStream body) {
    try {
      if ("2".equals(version)) {
        throw DockerApiException.badRequest(
            "BuildKit is not supported by Berth: build with the classic builder"
                + " (DOCKER_BUILDKIT=0)");
      }
      if (remote != null && !remote.isBlank()) {
        throw DockerApiException.badRequest(
            "remote build contexts are not supported: send the context in the request body");
      }
      ImageBuildRequested request =
          new ImageBuildRequested(
              UUID.randomUUID().toString(),
              storeContext(body).digest(),
              DockerParams.text(dockerfile),
              t == null ? List.of() : t.stream().filter(s -> !s.isBlank()).toList(),
              stringMap(buildargs, "buildargs"),
              stringMap(labels, "labels"),
              DockerParams.text(target),
              DockerParams.bool(nocache),
              DockerParams.bool(pull),
              DockerParams.bool(DockerParams.text(rm), true),
              DockerParams.bool(forcerm),
              stringList(cachefrom, "cachefrom"),
              networkmode == null || networkmode.isBlank() || networkmode.equals("default")
                  ? null
                  : networkmode);
      return stream(request, DockerParams.bool(q));
    } catch (RuntimeException e) {
      return DockerErrorHandlers.toResponse(e);
    } finally {
      if (body != null) {
        try {
          body.close();
        } catch (IOException ignored) {
          // the context was read or refused
        }
      }
    }
  }

  private HttpResponse<?> stream(ImageBuildRequested request, boolean quiet) {
    BuildProgress progress = new BuildProgress(request.buildId(), quiet);
    AutoCloseable[] observation = new AutoCloseable[1];
    LineStream out = new LineStream(() -> closeQuietly(observation[0]));
    observation[0] =
        listener.addObserver(
            (Enveloped<Message> message) -> {
              synchronized (progress) {
                if (progress.ended()) {
                  return;
                }
                progress.lines(message.payload()).forEach(out::offer);
                if (progress.ended()) {
                  out.end();
                  closeQuietly(observation[0]);
                }
              }
            });
    bus.command(request, buildTimeout)
        .whenComplete(
            (outcome, error) -> {
              if (error == null) {
                return;
              }
              synchronized (progress) {
                if (!progress.ended()) {
                  Throwable cause = error.getCause() == null ? error : error.getCause();
                  out.offer(progress.error(String.valueOf(cause.getMessage()), 1));
                  out.end();
                  closeQuietly(observation[0]);
                }
              }
            });
    return HttpResponse.ok(new StreamedFile(out, JSON_STREAM));
  }

  private BlobInfo storeContext(InputStream body) {
    BlobInfo blob = contentStore.upload(body == null ? InputStream.nullInputStream() : body, null);
    if (!blob.isTar()) {
      throw DockerApiException.badRequest(
          "the build context is not a tar archive (plain, gzip or zstd compressed): "
              + blob.size()
              + " bytes read as "
              + blob.mediaType());
    }
    return blob;
  }

  private static Map<String, String> stringMap(String json, String name) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, String> values =
          JSON.readValue(json, new TypeReference<Map<String, String>>() {});
      values.values().removeIf(v -> v == null);
      return values;
    } catch (IOException e) {
      throw DockerApiException.badRequest("invalid " + name + ": " + e.getMessage());
    }
  }

  private static List<String> stringList(String json, String name) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw DockerApiException.badRequest("invalid " + name + ": " + e.getMessage());
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // nothing to undo
      }
    }
  }
}
