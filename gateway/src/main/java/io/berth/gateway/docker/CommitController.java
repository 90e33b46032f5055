package io.berth.gateway.docker;

import io.berth.events.container.ContainerCommitRequested;
import io.berth.events.container.ContainerCommitted;
import io.berth.gateway.bus.Bus;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code docker commit} ({@code POST /commit}): the container reference is resolved to its id and
 * {@code ContainerCommitRequested} sent; the container-service has the layer-service make the diff
 * and the image-service write the image, and the answer ({@code 201 {"Id": "sha256:..."}}) comes
 * with {@code ContainerCommitted}.
 *
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Image/operation/ImageCommit">Engine
 *     API: commit</a>
 */
@Controller
public class CommitController {

  private final Bus bus;
  private final Duration timeout;

  public CommitController(
      Bus bus, @Value("${gateway.transfer-timeout:5m}") Duration transferTimeout) {
    this.bus = bus;
    this.timeout = transferTimeout;
  }

  @Post(
      uris = {"/commit", "/{apiVersion}/commit"},
      consumes = MediaType.ALL)
  public CompletableFuture<HttpResponse<?>> commit(
      @QueryValue @Nullable String container,
      @QueryValue @Nullable String repo,
      @QueryValue @Nullable String tag,
      @QueryValue @Nullable String comment,
      @QueryValue @Nullable String author,
      @QueryValue @Nullable String pause,
      HttpRequest<?> request,
      @Body @Nullable byte[] body) {
    // Read one by one: a change like CMD ["a","b"] holds commas, which a list binding would split.
    List<String> changes = request.getParameters().getAll("changes");
    RepoTag target;
    List<String> instructions = new ArrayList<>();
    try {
      if (container == null || container.isEmpty()) {
        throw DockerApiException.badRequest("No container name or ID supplied");
      }
      target = repo == null || repo.isEmpty() ? null : RepoTag.parse(repo, tag);
      instructions.addAll(CommitBody.changes(body));
      changes.stream().filter(change -> !change.isBlank()).forEach(instructions::add);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    boolean pauseIt = DockerParams.bool(pause, true);
    return ContainerRefs.id(bus, container)
        .thenCompose(
            id ->
                bus.command(
                    new ContainerCommitRequested(
                        id,
                        target == null ? null : target.repository(),
                        target == null ? null : target.tag(),
                        DockerParams.text(comment),
                        DockerParams.text(author),
                        pauseIt,
                        instructions),
                    timeout))
        .<HttpResponse<?>>thenApply(
            outcome -> {
              ContainerCommitted committed = Outcomes.expect(outcome, ContainerCommitted.class);
              return HttpResponse.status(HttpStatus.CREATED)
                  .body(Map.of("Id", committed.imageId()));
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }
}
