package io.berth.gateway.docker;

import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.query.ContainerCountsReported;
import io.berth.events.query.ContainerCountsRequested;
import io.berth.events.query.ImageCountsReported;
import io.berth.events.query.ImageCountsRequested;
import io.berth.gateway.bus.Bus;
import io.berth.gateway.docker.json.SystemJson;
import io.berth.messaging.ServiceIdentity;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /_ping}, {@code /version}, {@code /info} and {@code /system/df}. The counts in {@code
 * /info} come from the services over Kafka request/reply, never from their databases.
 */
@Controller
public class SystemController {

  private final Bus bus;
  private final DiskUsage diskUsage;
  private final HostFacts host = HostFacts.read();
  private final String rootDir;
  private final String nodeId;
  private final Map<String, Object> version;

  public SystemController(
      Bus bus,
      DiskUsage diskUsage,
      ServiceIdentity identity,
      @Value("${berth.data-dir:/var/lib/berth}") String rootDir) {
    this.bus = bus;
    this.diskUsage = diskUsage;
    this.rootDir = rootDir;
    this.nodeId = identity.nodeId();
    this.version =
        SystemJson.version(
            host,
            DockerApi.BERTH_VERSION,
            DockerApi.ENGINE_VERSION,
            DockerApi.VERSION,
            DockerApi.MIN_VERSION);
  }

  /** Also answers {@code HEAD}, which the docker CLI sends first. */
  @Get(uris = {"/_ping", "/{apiVersion}/_ping"})
  @Produces(MediaType.TEXT_PLAIN)
  public HttpResponse<String> ping() {
    return pingHeaders(HttpResponse.ok("OK"));
  }

  private static <T> HttpResponse<T> pingHeaders(io.micronaut.http.MutableHttpResponse<T> ok) {
    return ok.header("Builder-Version", "1")
        .header("Swarm", "inactive")
        .header("Cache-Control", "no-cache, no-store, must-revalidate")
        .header("Pragma", "no-cache");
  }

  @Get(uris = {"/version", "/{apiVersion}/version"})
  public Map<String, Object> version() {
    return version;
  }

  @Get(uris = {"/info", "/{apiVersion}/info"})
  public CompletableFuture<HttpResponse<?>> info() {
    String id = UUID.randomUUID().toString();
    CompletableFuture<Enveloped<Message>> containers =
        bus.query(new ContainerCountsRequested(id + "-c"));
    CompletableFuture<Enveloped<Message>> images = bus.query(new ImageCountsRequested(id + "-i"));
    return containers
        .<Enveloped<Message>, HttpResponse<?>>thenCombine(
            images,
            (c, i) -> {
              ContainerCountsReported cc = Outcomes.expect(c, ContainerCountsReported.class);
              ImageCountsReported ic = Outcomes.expect(i, ImageCountsReported.class);
              SystemJson.Counts counts =
                  new SystemJson.Counts(
                      cc.total(), cc.running(), cc.paused(), cc.stopped(), ic.images());
              return (HttpResponse<?>)
                  HttpResponse.ok(
                      SystemJson.info(host, counts, DockerApi.ENGINE_VERSION, rootDir, nodeId));
            })
        .exceptionally(DockerErrorHandlers::toResponse);
  }

  /** {@code docker system df}; {@code ?type=} (repeatable) narrows it to some parts. */
  @Get(uris = {"/system/df", "/{apiVersion}/system/df"})
  public CompletableFuture<HttpResponse<?>> diskUsage(
      HttpRequest<?> request, @QueryValue("type") @Nullable List<String> types) {
    String version = DockerApi.versionOf(request.getPath());
    Set<String> parts;
    try {
      parts = DiskUsage.parts(types, version);
    } catch (DockerApiException e) {
      return CompletableFuture.completedFuture(DockerErrorHandlers.toResponse(e));
    }
    return diskUsage
        .report(parts, version)
        .<HttpResponse<?>>thenApply(HttpResponse::ok)
        .exceptionally(DockerErrorHandlers::toResponse);
  }
}
