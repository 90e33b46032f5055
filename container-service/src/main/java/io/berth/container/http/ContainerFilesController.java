package io.berth.container.http;

import io.berth.container.ContainerException;
import io.berth.container.cgroup.Cgroup;
import io.berth.container.files.ContainerFiles;
import io.berth.container.files.PathStat;
import io.berth.container.handling.ContainerQueryHandler;
import io.berth.container.runtime.ContainerRuntime;
import io.berth.container.runtime.RootMounts;
import io.berth.container.stats.HostStats;
import io.berth.container.stats.StatsJson;
import io.berth.container.stats.StatsSample;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRunRepository;
import io.berth.container.top.ProcessTable;
import io.berth.events.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;

/**
 * {@code docker cp} (archive GET, HEAD, PUT), {@code docker top} and {@code docker stats} on the
 * container-service's HTTP server, at the Engine API's paths, proxied by the gateway.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContainerFilesController {

  private final ContainerQueryHandler queries;
  private final ContainerRuntime runtime;
  private final ContainerRunRepository runs;
  private final RootMounts roots;
  private final ExecutorService samplers =
      Executors.newCachedThreadPool(
          task -> {
            Thread t = new Thread(task, "berth-stats");
            t.setDaemon(true);
            return t;
          });

  public ContainerFilesController(
      ContainerQueryHandler queries,
      ContainerRuntime runtime,
      ContainerRunRepository runs,
      RootMounts roots) {
    this.queries = queries;
    this.runtime = runtime;
    this.runs = runs;
    this.roots = roots;
  }

  @Get(uris = {"/containers/{id}/archive"})
  public HttpResponse<?> getArchive(
      HttpRequest<?> request, @PathVariable String id, @QueryValue String path) {
    try {
      ContainerRow row = queries.resolve(id);
      ContainerFiles files = new ContainerFiles(id);
      if (request.getMethod() == HttpMethod.HEAD) {
        PathStat stat = roots.withRoot(row, root -> files.stat(root, path));
        return HttpResponse.ok().header(PathStat.HEADER, stat.toHeaderValue());
      }
      Path tar =
          Files.createTempFile(
              Files.createDirectories(runtime.bundle(row.id()).getParent()), "archive-", ".tar");
      PathStat stat =
          roots.withRoot(
              row,
              root -> {
                PathStat s = files.stat(root, path);
                try (OutputStream out = Files.newOutputStream(tar)) {
                  files.writeArchive(root, path, out);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                return s;
              });
      InputStream in = Files.newInputStream(tar);
      Files.delete(tar); // the open stream keeps the bytes until it is closed
      return HttpResponse.ok(new StreamedFile(in, new MediaType("application/x-tar")))
          .header(PathStat.HEADER, stat.toHeaderValue());
    } catch (ContainerException e) {
      return ContainerLogsController.error(e);
    } catch (IOException e) {
      return ContainerLogsController.error(
          new ContainerException(ErrorCode.INTERNAL, e.getMessage(), e));
    }
  }

  @Put(
      uris = {"/containers/{id}/archive"},
      consumes = MediaType.ALL)
  public HttpResponse<?> putArchive(
      @PathVariable String id,
      @QueryValue String path,
      @QueryValue(defaultValue = "false") String noOverwriteDirNonDir,
      @QueryValue(defaultValue = "false") String copyUIDGID,
      @Body @Nullable InputStream body) {
    try {
      ContainerRow row = queries.resolve(id);
      Path tar =
          Files.createTempFile(
              Files.createDirectories(runtime.bundle(row.id()).getParent()), "upload-", ".tar");
      try {
        if (body != null) {
          Files.copy(body, tar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ContainerFiles files = new ContainerFiles(id);
        roots.withRoot(
            row,
            root -> {
              try (InputStream in = Files.newInputStream(tar)) {
                files.extractArchive(
                    root, path, in, truthy(noOverwriteDirNonDir), truthy(copyUIDGID));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return null;
            });
      } finally {
        Files.deleteIfExists(tar);
      }
      return HttpResponse.ok();
    } catch (ContainerException e) {
      return ContainerLogsController.error(e);
    } catch (IOException | UncheckedIOException e) {
      return ContainerLogsController.error(
          new ContainerException(ErrorCode.INTERNAL, e.getMessage(), e));
    }
  }

  @Get(uris = {"/containers/{id}/top"})
  public HttpResponse<?> top(
      @PathVariable String id, @QueryValue(value = "ps_args", defaultValue = "") String psArgs) {
    try {
      ContainerRow row = queries.resolve(id);
      Cgroup cgroup =
          runtime.process(row.id()).isPresent() ? runtime.cgroup(row.id()).orElse(null) : null;
      if (cgroup == null) {
        throw new ContainerException(
            ErrorCode.FAILED_PRECONDITION, "container " + row.id() + " is not running");
      }
      return HttpResponse.ok(ProcessTable.of(cgroup.pids(), psArgs))
          .contentType(MediaType.APPLICATION_JSON_TYPE);
    } catch (ContainerException e) {
      return ContainerLogsController.error(e);
    }
  }

  @Get(uris = {"/containers/{id}/stats"})
  public HttpResponse<?> stats(
      @PathVariable String id,
      @QueryValue(defaultValue = "true") String stream,
      @QueryValue(value = "one-shot", defaultValue = "false") String oneShot) {
    ContainerRow row;
    try {
      row = queries.resolve(id);
    } catch (ContainerException e) {
      return ContainerLogsController.error(e);
    }
    boolean streaming = truthy(stream);
    boolean once = truthy(oneShot);
    AtomicBoolean cancelled = new AtomicBoolean();
    Flux<byte[]> body =
        Flux.create(
            sink -> {
              sink.onCancel(() -> cancelled.set(true));
              sink.onDispose(() -> cancelled.set(true));
              samplers.execute(
                  () -> {
                    try {
                      StatsSample previous = streaming || once ? null : sample(row);
                      if (!streaming && !once) {
                        Thread.sleep(1000);
                      }
                      do {
                        StatsSample current = sample(row);
                        String json =
                            StatsJson.toJson(row.id(), row.name(), current, previous) + "\n";
                        sink.next(json.getBytes(StandardCharsets.UTF_8));
                        previous = current;
                        if (!streaming) {
                          break;
                        }
                        Thread.sleep(1000);
                      } while (!cancelled.get() && runtime.process(row.id()).isPresent());
                      sink.complete();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      sink.complete();
                    } catch (RuntimeException e) {
                      sink.error(e);
                    }
                  });
            });
    // Streamed JSON documents: a JSON media type would make Micronaut frame them as an array.
    return HttpResponse.ok(body).contentType(MediaType.TEXT_PLAIN_TYPE);
  }

  private StatsSample sample(ContainerRow row) {
    HostStats host = HostStats.read();
    Cgroup cgroup = runtime.cgroup(row.id()).orElse(null);
    if (cgroup == null) {
      return new StatsSample(
          Instant.now(),
          0,
          0,
          0,
          host.systemCpuNanos(),
          host.onlineCpus(),
          0,
          0,
          java.util.Map.of(),
          0,
          OptionalLong.empty());
    }
    return StatsSample.from(
        cgroup.stats(), cgroup.version(), host, cgroup.limits().pidsLimit(), Instant.now());
  }

  private static boolean truthy(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }
}
