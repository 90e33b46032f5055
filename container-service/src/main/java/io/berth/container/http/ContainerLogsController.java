package io.berth.container.http;

import io.berth.container.ContainerException;
import io.berth.container.handling.ContainerExecs;
import io.berth.container.handling.ContainerQueryHandler;
import io.berth.container.runtime.ContainerLog;
import io.berth.container.runtime.ContainerRuntime;
import io.berth.container.runtime.RunningProcess;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRows;
import io.berth.events.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;

/**
 * The container-service's own HTTP endpoints for what carries live or bulk bytes, which the gateway
 * proxies at the same paths: logs, terminal resizes, exec inspection and detached exec starts.
 * Answers as Docker's daemon does.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContainerLogsController {

  private static final DateTimeFormatter RFC3339_NANO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

  private final ContainerQueryHandler queries;
  private final ContainerRuntime runtime;
  private final ContainerExecs execs;
  private final ExecutorService readers =
      Executors.newCachedThreadPool(
          task -> {
            Thread t = new Thread(task, "berth-log-reader");
            t.setDaemon(true);
            return t;
          });

  public ContainerLogsController(
      ContainerQueryHandler queries, ContainerRuntime runtime, ContainerExecs execs) {
    this.queries = queries;
    this.runtime = runtime;
    this.execs = execs;
  }

  @Get(uris = {"/containers/{id}/logs"})
  public HttpResponse<?> logs(
      @PathVariable String id,
      @QueryValue(defaultValue = "false") String follow,
      @QueryValue(defaultValue = "false") String stdout,
      @QueryValue(defaultValue = "false") String stderr,
      @QueryValue @Nullable String since,
      @QueryValue @Nullable String until,
      @QueryValue(defaultValue = "false") String timestamps,
      @QueryValue(defaultValue = "all") String tail) {
    ContainerRow row;
    try {
      row = queries.resolve(id);
    } catch (ContainerException e) {
      return error(e);
    }
    boolean out = truthy(stdout);
    boolean err = truthy(stderr);
    if (!out && !err) {
      return HttpResponse.badRequest(Map.of("message", "You must choose at least one stream"));
    }
    boolean tty = ContainerRows.config(row).tty();
    boolean stamps = truthy(timestamps);
    int lines;
    try {
      lines = tail.equals("all") || tail.isBlank() ? -1 : Integer.parseInt(tail);
    } catch (NumberFormatException e) {
      lines = -1;
    }
    int tailLines = lines;
    Instant from = parseTime(since);
    Instant to = parseTime(until);
    boolean follows = truthy(follow);
    ContainerLog log = runtime.log(row.id());
    String containerId = row.id();
    AtomicBoolean cancelled = new AtomicBoolean();
    Flux<byte[]> body =
        Flux.create(
            sink -> {
              sink.onCancel(() -> cancelled.set(true));
              sink.onDispose(() -> cancelled.set(true));
              readers.execute(
                  () -> {
                    try {
                      log.read(
                          tailLines,
                          from,
                          to,
                          follows,
                          () -> isRunning(containerId),
                          entry -> {
                            if (cancelled.get()) {
                              return false;
                            }
                            if (entry.stream() == ContainerLog.STDOUT && !out
                                || entry.stream() == ContainerLog.STDERR && !err) {
                              return true;
                            }
                            sink.next(frame(entry, tty, stamps));
                            return true;
                          });
                      sink.complete();
                    } catch (Exception e) {
                      sink.error(e);
                    }
                  });
            });
    return HttpResponse.ok(body).contentType(streamType(tty));
  }

  @Post(uris = {"/containers/{id}/resize"})
  public HttpResponse<?> resize(
      @PathVariable String id,
      @QueryValue(defaultValue = "0") int h,
      @QueryValue(defaultValue = "0") int w) {
    try {
      ContainerRow row = queries.resolve(id);
      RunningProcess process =
          runtime
              .process(row.id())
              .orElseThrow(
                  () ->
                      new ContainerException(
                          ErrorCode.FAILED_PRECONDITION,
                          "cannot resize container: container " + row.id() + " is not running"));
      process.resize(h, w);
      return HttpResponse.ok();
    } catch (ContainerException e) {
      return error(e);
    }
  }

  @Post(uris = {"/exec/{id}/resize"})
  public HttpResponse<?> resizeExec(
      @PathVariable String id,
      @QueryValue(defaultValue = "0") int h,
      @QueryValue(defaultValue = "0") int w) {
    ContainerExecs.Exec exec = execs.find(id).orElse(null);
    if (exec == null) {
      return error(new ContainerException(ErrorCode.NOT_FOUND, "No such exec instance: " + id));
    }
    if (exec.process() != null) {
      exec.process().resize(h, w);
    }
    return HttpResponse.ok();
  }

  @Get(uris = {"/exec/{id}/json"})
  public HttpResponse<?> inspectExec(@PathVariable String id) {
    ContainerExecs.Exec exec = execs.find(id).orElse(null);
    if (exec == null) {
      return error(new ContainerException(ErrorCode.NOT_FOUND, "No such exec instance: " + id));
    }
    var request = exec.request();
    Map<String, Object> process = new LinkedHashMap<>();
    process.put("tty", request.tty());
    process.put("entrypoint", request.cmd().get(0));
    process.put("arguments", request.cmd().subList(1, request.cmd().size()));
    process.put("privileged", request.privileged());
    process.put("user", request.user() == null ? "" : request.user());
    process.put("workingDir", request.workingDir() == null ? "" : request.workingDir());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ID", id);
    json.put("Running", exec.running());
    json.put("ExitCode", exec.exitCode());
    json.put("ProcessConfig", process);
    json.put("OpenStdin", request.attachStdin());
    json.put("OpenStderr", request.attachStderr());
    json.put("OpenStdout", request.attachStdout());
    json.put("CanRemove", false);
    json.put("ContainerID", request.containerId());
    json.put("DetachKeys", "");
    json.put("Pid", exec.pid());
    return HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  @Post(
      uris = {"/exec/{id}/start"},
      consumes = MediaType.ALL)
  public HttpResponse<?> startExecDetached(@PathVariable String id) {
    try {
      execs.start(id, null);
      return HttpResponse.ok();
    } catch (ContainerException e) {
      return error(e);
    }
  }

  private boolean isRunning(String id) {
    return runtime.process(id).map(RunningProcess::running).orElse(false);
  }

  static byte[] frame(ContainerLog.Entry entry, boolean tty, boolean timestamps) {
    byte[] payload = entry.bytes();
    if (timestamps) {
      byte[] stamp = (RFC3339_NANO.format(entry.time()) + " ").getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream joined = new ByteArrayOutputStream(stamp.length + payload.length);
      joined.writeBytes(stamp);
      joined.writeBytes(payload);
      payload = joined.toByteArray();
    }
    if (tty) {
      return payload;
    }
    byte[] framed = new byte[8 + payload.length];
    framed[0] = (byte) entry.stream();
    framed[4] = (byte) (payload.length >>> 24);
    framed[5] = (byte) (payload.length >>> 16);
    framed[6] = (byte) (payload.length >>> 8);
    framed[7] = (byte) payload.length;
    System.arraycopy(payload, 0, framed, 8, payload.length);
    return framed;
  }

  static MediaType streamType(boolean tty) {
    return new MediaType(
        tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream");
  }

  /** Docker's {@code since}/{@code until}: unix seconds with an optional fraction. */
  static Instant parseTime(String value) {
    if (value == null || value.isBlank() || value.equals("0")) {
      return null;
    }
    try {
      String[] parts = value.split("\\.", 2);
      long seconds = Long.parseLong(parts[0]);
      long nanos = 0;
      if (parts.length > 1) {
        String fraction = (parts[1] + "000000000").substring(0, 9);
        nanos = Long.parseLong(fraction);
      }
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean truthy(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }

  static HttpResponse<?> error(ContainerException e) {
    return HttpResponse.status(HttpStatus.valueOf(e.httpStatus()))
        .body(Map.of("message", e.getMessage()))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
