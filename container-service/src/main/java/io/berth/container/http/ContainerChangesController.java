package io.berth.container.http;

import io.berth.container.ContainerException;
import io.berth.container.files.FileChange;
import io.berth.container.files.FileChanges;
import io.berth.container.handling.ContainerQueryHandler;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRunRepository;
import io.berth.container.store.ContainerRunRow;
import io.berth.events.ErrorCode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker diff} ({@code GET /containers/{id}/changes}) on the container-service's HTTP
 * server, proxied by the gateway: the container's upper directory read against its image's lower
 * directories, for a running container as for a stopped one.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContainerChangesController {

  private final ContainerQueryHandler queries;
  private final ContainerRunRepository runs;

  public ContainerChangesController(ContainerQueryHandler queries, ContainerRunRepository runs) {
    this.queries = queries;
    this.runs = runs;
  }

  @Get(uris = {"/containers/{id}/changes"})
  public HttpResponse<?> changes(@PathVariable String id) {
    try {
      ContainerRow row = queries.resolve(id);
      ContainerRunRow run =
          runs.findById(row.id())
              .filter(ContainerRunRow::rootReady)
              .orElseThrow(
                  () ->
                      new ContainerException(
                          ErrorCode.FAILED_PRECONDITION,
                          "container " + row.id() + " has no root file system yet"));
      List<Path> lowerDirs =
          run.lowerDirs() == null || run.lowerDirs().isEmpty()
              ? List.of()
              : Arrays.stream(run.lowerDirs().split(":")).map(Path::of).toList();
      List<Map<String, Object>> body =
          FileChanges.of(Path.of(run.upperDir()), lowerDirs).stream().map(this::json).toList();
      return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    } catch (ContainerException e) {
      return ContainerLogsController.error(e);
    } catch (IOException e) {
      return ContainerLogsController.error(
          new ContainerException(
              ErrorCode.INTERNAL, "cannot read the changes of " + id + ": " + e.getMessage(), e));
    }
  }

  private Map<String, Object> json(FileChange change) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("Path", change.path());
    entry.put("Kind", change.kind().code());
    return entry;
  }
}
