package io.berth.gateway.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.image.ImagePruneRequested;
import io.berth.events.image.ImageRemoveRequested;
import io.berth.events.image.ImageRemoved;
import io.berth.events.image.ImageTagRequested;
import io.berth.events.image.ImageTagged;
import io.berth.events.image.ImagesPruned;
import io.berth.events.query.ImageInspectRequested;
import io.berth.events.query.ImageInspected;
import io.berth.events.query.ImageListReported;
import io.berth.events.query.ImageListRequested;
import io.berth.gateway.bus.Bus;
import io.berth.gateway.docker.ImageFilters.Listed;
import io.berth.gateway.docker.ImageFilters.PruneOptions;
import io.berth.gateway.docker.json.ImageDeleteJson;
import io.berth.gateway.docker.json.ImageHistoryJson;
import io.berth.gateway.docker.json.ImageInspectJson;
import io.berth.gateway.docker.json.ImageSummaryJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Image metadata: {@code docker images}, {@code image inspect}, {@code history}, {@code tag},
 * {@code rmi} and {@code image prune}. Queries go to the image-service and commands become events
 * on {@code berth.image.commands}; the answers are shaped as the Engine API shapes them.
 *
 * <p>Image names may hold {@code /} and {@code :} ({@code registry:5000/team/app:1.0}), so the
 * routes take them with {@code {+name}}, which matches across slashes.
 */
@Controller
public class ImagesController {

  private final Bus bus;

  public ImagesController(Bus bus) {
    this.bus = bus;
  }

  @Get(uris = {"/images/json", "/{apiVersion}/images/json"})
  public CompletableFuture<HttpResponse<?>> list(
      HttpRequest<?> request,
      @QueryValue @Nullable String all,
      @QueryValue @Nullable String filters,
      @QueryValue("shared-size") @Nullable String sharedSize) {
    String version = DockerApi.versionOf(request.getPath());
    FilterArgs filterArgs;
    try {
      filterArgs = FilterArgs.parse(filters).validate(ImageFilters.LIST_KEYS);
    } catch (DockerApiException e) {
      return failed(e);
    }
    ImageSummaryJson.Options options =
        new ImageSummaryJson.Options(
            !DockerApi.before(version, "1.42") && DockerParams.bool(sharedSize),
            false, // moby sends Containers -1 before API 1.51
            DockerApi.before(version, "1.44"),
            DockerApi.before(version, "1.43"));
    return bus.query(new ImageListRequested(UUID.randomUUID().toString()))
        .<HttpResponse<?>>thenApply(
            reply -> {
              List<Listed> listed =
                  ImageFilters.list(
                      Outcomes.expect(reply, ImageListReported.class).images(),
                      filterArgs,
                      DockerParams.bool(all),
                      Instant.now(),
                      ZoneId.systemDefault());
              return HttpResponse.ok(entries(listed, options));
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Get(uris = {"/images/{+name}/json", "/{apiVersion}/images/{+name}/json"})
  public CompletableFuture<HttpResponse<?>> inspect(
      HttpRequest<?> request, @PathVariable String name) {
    boolean virtualSize = DockerApi.before(DockerApi.versionOf(request.getPath()), "1.44");
    return inspected(
        name,
        image ->
            HttpResponse.ok(
                ImageInspectJson.body(
                    image, ImageInspectJson.parseConfig(image.config()), virtualSize)));
  }

  @Get(uris = {"/images/{+name}/history", "/{apiVersion}/images/{+name}/history"})
  public CompletableFuture<HttpResponse<?>> history(@PathVariable String name) {
    return inspected(
        name,
        image -> {
          JsonNode config = ImageInspectJson.parseConfig(image.config());
          try {
            return HttpResponse.ok(ImageHistoryJson.entries(image, config));
          } catch (IllegalStateException e) {
            throw DockerApiException.of(ErrorCode.INTERNAL, e.getMessage());
          }
        });
  }

  @Post(
      uris = {"/images/{+name}/tag", "/{apiVersion}/images/{+name}/tag"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> tag(
      @PathVariable String name,
      @QueryValue @Nullable String repo,
      @QueryValue @Nullable String tag) {
    ImageTagRequested command;
    try {
      RepoTag target = RepoTag.parse(repo, DockerParams.text(tag));
      if (target.repository().equals("sha256")) {
        throw DockerApiException.badRequest(
            "refusing to create an ambiguous tag using digest algorithm as name");
      }
      command = new ImageTagRequested(name, target.repository(), target.tag());
    } catch (DockerApiException e) {
      return failed(e);
    }
    return bus.command(command)
        .<HttpResponse<?>>thenApply(
            outcome -> {
              Outcomes.expect(outcome, ImageTagged.class);
              return HttpResponse.status(HttpStatus.CREATED);
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Delete(
      uris = {"/images/{+name}", "/{apiVersion}/images/{+name}"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> remove(
      @PathVariable String name,
      @QueryValue @Nullable String force,
      @QueryValue @Nullable String noprune) {
    if (name.isBlank()) {
      return failed(DockerApiException.badRequest("image name cannot be blank"));
    }
    return bus.command(
            new ImageRemoveRequested(name, DockerParams.bool(force), DockerParams.bool(noprune)))
        .<HttpResponse<?>>thenApply(
            outcome -> {
              ImageRemoved removed = Outcomes.expect(outcome, ImageRemoved.class);
              return HttpResponse.ok(ImageDeleteJson.items(removed.untagged(), removed.deleted()));
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  @Post(
      uris = {"/images/prune", "/{apiVersion}/images/prune"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> prune(@QueryValue @Nullable String filters) {
    ImagePruneRequested command;
    try {
      PruneOptions options =
          ImageFilters.prune(FilterArgs.parse(filters), Instant.now(), ZoneId.systemDefault());
      command =
          new ImagePruneRequested(
              UUID.randomUUID().toString(),
              options.all(),
              options.labels(),
              options.notLabels(),
              options.until());
    } catch (DockerApiException e) {
      return failed(e);
    }
    return bus.command(command)
        .<HttpResponse<?>>thenApply(
            outcome -> {
              ImagesPruned pruned = Outcomes.expect(outcome, ImagesPruned.class);
              return HttpResponse.ok(
                  ImageDeleteJson.pruneReport(
                      pruned.untagged(), pruned.deleted(), pruned.spaceReclaimed()));
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  /** Asks the image-service about one image; a missing one is Docker's "No such image". */
  private CompletableFuture<HttpResponse<?>> inspected(
      String name, Function<ImageInspected, HttpResponse<?>> answer) {
    CompletableFuture<Enveloped<Message>> reply =
        bus.query(new ImageInspectRequested(UUID.randomUUID().toString(), name));
    return reply
        .<HttpResponse<?>>thenApply(
            r -> {
              ImageInspected image;
              try {
                image = Outcomes.expect(r, ImageInspected.class);
              } catch (DockerApiException e) {
                throw e.status() == HttpStatus.NOT_FOUND ? ImageNames.notFound(name) : e;
              }
              try {
                return answer.apply(image);
              } catch (IllegalArgumentException e) {
                throw DockerApiException.of(ErrorCode.INTERNAL, e.getMessage());
              }
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  private static CompletableFuture<HttpResponse<?>> failed(DockerApiException e) {
    return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
  }

  /** The list body: one entry per listed image, with the tags the filters let show. */
  static List<Map<String, Object>> entries(List<Listed> listed, ImageSummaryJson.Options options) {
    return listed.stream()
        .map(
            l ->
                ImageSummaryJson.entry(
                    l.image(),
                    l.repoTags(),
                    l.image().sharedSize(),
                    l.image().containers(),
                    options))
        .toList();
  }
}
