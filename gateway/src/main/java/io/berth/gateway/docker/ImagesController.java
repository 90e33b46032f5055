package io.berth.gateway.docker;

import io.berth.events.image.ImagePullRequested;
import io.berth.events.image.ImagePulled;
import io.berth.events.image.ImageRef;
import io.berth.gateway.bus.Bus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Image commands. Only the pull path of {@code POST /images/create} exists so far: the docker CLI
 * takes it after a create answered "No such image", and the image-service's outcome (today a
 * refusal: no registry is reachable and pulling is not built yet) reaches the user as Docker's
 * error.
 */
@Controller
public class ImagesController {

  private final Bus bus;

  public ImagesController(Bus bus) {
    this.bus = bus;
  }

  @Post(
      uris = {"/images/create", "/{apiVersion}/images/create"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> create(
      @QueryValue @Nullable String fromImage,
      @QueryValue @Nullable String fromSrc,
      @QueryValue @Nullable String tag,
      @QueryValue @Nullable String platform) {
    if (fromImage == null || fromImage.isBlank()) {
      String what = fromSrc != null ? "docker import (fromSrc)" : "this request";
      return CompletableFuture.completedFuture(
          DockerErrorHandlers.toResponse(
              DockerApiException.badRequest(what + " is not supported by Berth yet")));
    }
    String reference = tag == null || tag.isBlank() ? fromImage : fromImage + ":" + tag;
    if (!ImageRef.isValid(reference)) {
      return CompletableFuture.completedFuture(
          DockerErrorHandlers.toResponse(
              DockerApiException.badRequest("invalid reference format: " + reference)));
    }
    String normalised = ImageRef.parse(reference).toString();
    return bus.command(new ImagePullRequested(normalised, platform))
        .<HttpResponse<?>>thenApply(
            outcome -> {
              ImagePulled pulled = Outcomes.expect(outcome, ImagePulled.class);
              return HttpResponse.ok(
                  Map.of("status", "Downloaded newer image for " + pulled.reference()));
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }
}
