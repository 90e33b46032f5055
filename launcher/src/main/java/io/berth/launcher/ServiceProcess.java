package io.berth.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervised child process with an HTTP health endpoint and a log file that receives its stdout
 * and stderr (appended).
 *
 * <pre>{@code
 * try (ServiceProcess p = ServiceProcess.start(spec)) {
 *   p.awaitHealthy(Duration.ofSeconds(60)); // throws ServiceFailedException with the last log lines
 *   p.kill();                               // SIGKILL
 * }                                         // close(): stop() if still alive
 * }</pre>
 *
 * <p>Children still alive when this JVM exits normally (or on SIGTERM/SIGINT) are stopped by a
 * shutdown hook.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Set<ServiceProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static final Object SPAWNING = new Object();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (ServiceProcess p : LIVE) {
                    p.process.destroy();
                  }
                  for (ServiceProcess p : LIVE) {
                    p.stop();
                  }
                },
                "berth-service-process-reaper"));
  }

  /**
   * What to run.
   *
   * @param name a short name for messages and logs, e.g. {@code "gateway"}
   * @param command the program and its arguments
   * @param environment variables added to (or replacing those of) this JVM's environment
   * @param workingDir the child's working directory (created if missing)
   * @param logFile receives stdout and stderr, appended (created with its parent if missing)
   * @param port the HTTP port on 127.0.0.1 that serves the health endpoint
   * @param healthPath the health endpoint path, usually {@code /health}
   * @param stopTimeout how long {@link #stop()} waits after SIGTERM before SIGKILL
   */
  public record Spec(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workingDir,
      Path logFile,
      int port,
      String healthPath,
      Duration stopTimeout) {

    /** Validates and copies. */
    public Spec {
      Objects.requireNonNull(name, "name");
      command = List.copyOf(command);
      environment = Map.copyOf(environment);
      Objects.requireNonNull(workingDir, "workingDir");
      Objects.requireNonNull(logFile, "logFile");
      healthPath = healthPath == null ? "/health" : healthPath;
      stopTimeout = stopTimeout == null ? Duration.ofSeconds(10) : stopTimeout;
      if (command.isEmpty()) {
        throw new IllegalArgumentException("empty command for " + name);
      }
    }

    /** The full health URL, {@code http://127.0.0.1:<port><healthPath>}. */
    public URI healthUri() {
      return URI.create("http://127.0.0.1:" + port + healthPath);
    }
  }

  private final Spec spec;
  private final Process process;
  private final long logOffset;
  private final Instant startedAt;

  private ServiceProcess(Spec spec, Process process, long logOffset, Instant startedAt) {
    this.spec = spec;
    this.process = process;
    this.logOffset = logOffset;
    this.startedAt = startedAt;
  }

  /** Starts the process (it does not wait for health: see {@link #awaitHealthy}). */
  public static ServiceProcess start(Spec spec) {
    try {
      Files.createDirectories(spec.workingDir());
      Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
      Instant now = Instant.now();
      Files.writeString(
          spec.logFile(),
          "==== berth: starting "
              + spec.name()
              + " at "
              + now
              + ": "
              + String.join(" ", spec.command())
              + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      long offset = Files.size(spec.logFile());
      ProcessBuilder builder =
          new ProcessBuilder(spec.command())
              .directory(spec.workingDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(spec.environment());
      ServiceProcess started;
      synchronized (SPAWNING) {
        Process process = builder.start();
        started = new ServiceProcess(spec, process, offset, now);
        LIVE.add(started);
      }
      // Removed once the JVM has reaped it, so a listed child is either live here or not ours.
      started.process.onExit().thenRun(() -> LIVE.remove(started));
      Process process = started.process;
      LOG.info("Started {} (pid {}, port {})", spec.name(), process.pid(), spec.port());
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code action} with the pids of every service process of this JVM that the JVM has not
   * reaped yet, while none can be started: any other child of this JVM is not a service process.
   */
  public static void withServicePids(Consumer<Set<Long>> action) {
    synchronized (SPAWNING) {
      Set<Long> pids = new HashSet<>();
      for (ServiceProcess p : LIVE) {
        pids.add(p.pid());
      }
      action.accept(pids);
    }
  }

  /** Completes once the process has exited (and the JVM has reaped it). */
  public CompletableFuture<ServiceProcess> onExit() {
    return process.onExit().thenApply(p -> this);
  }

  /** The specification this process was started from. */
  public Spec spec() {
    return spec;
  }

  /** The service name. */
  public String name() {
    return spec.name();
  }

  /** The HTTP port. */
  public int port() {
    return spec.port();
  }

  /** The operating-system process id. */
  public long pid() {
    return process.pid();
  }

  /** When the process was started. */
  public Instant startedAt() {
    return startedAt;
  }

  /** The log file receiving stdout and stderr. */
  public Path logFile() {
    return spec.logFile();
  }

  /** True while the process runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, once the process has exited. */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** One probe of the health endpoint: true when it answers 200 within two seconds. */
  public boolean isHealthy() {
    return probe(spec.healthUri()) == 200;
  }

  /**
   * Waits until the health endpoint answers 200.
   *
   * @throws ServiceFailedException when the process exits first or the timeout passes; its message
   *     names the service and holds its last 20 log lines
   */
  public ServiceProcess awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw failure("exited with code " + process.exitValue() + " before it became healthy");
      }
      if (isHealthy()) {
        LOG.info(
            "{} healthy after {} ms",
            spec.name(),
            Duration.between(startedAt, Instant.now()).toMillis());
        return this;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw failure("not healthy after " + timeout.toSeconds() + " s");
      }
      pause();
    }
  }

  /** A failure report for this process: the reason, and its last 20 log lines. */
  ServiceFailedException failure(String reason) {
    return new ServiceFailedException(spec.name(), reason, lastLogLines(20));
  }

  /**
   * Stops the process: SIGTERM, then SIGKILL if it is still alive after the spec's stop timeout.
   * Returns the exit code (also when it had already exited).
   */
  public int stop() {
    return stop(spec.stopTimeout());
  }

  /** Like {@link #stop()} with an explicit grace period. */
  public int stop(Duration timeout) {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn(
              "{} (pid {}) still alive {} s after SIGTERM: sending SIGKILL",
              spec.name(),
              pid(),
              timeout.toSeconds());
          return kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return kill();
      }
      LOG.info("Stopped {} (pid {})", spec.name(), pid());
    }
    return awaitExit();
  }

  /** Kills the process at once with SIGKILL and waits until it is gone; returns the exit code. */
  public int kill() {
    process.destroyForcibly();
    return awaitExit();
  }

  /** Waits up to {@code timeout} for the process to exit by itself; returns its exit code then. */
  public OptionalInt waitForExit(Duration timeout) {
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return OptionalInt.of(process.exitValue());
      }
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  private int awaitExit() {
    boolean interrupted = false;
    while (true) {
      try {
        int code = process.waitFor();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        return code;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  /**
   * The last {@code n} lines this process wrote to its log (only lines written since this start,
   * not those of an earlier run).
   */
  public List<String> lastLogLines(int n) {
    return LogFiles.lastLines(spec.logFile(), logOffset, n);
  }

  /** Stops the process if it is still alive. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return spec.name() + "[pid " + pid() + ", port " + spec.port() + "]";
  }

  /** HTTP status of a GET, or -1 when nothing answered. */
  static int probe(URI uri) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Lines of a list, for messages. */
  static String indent(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add("    " + line);
    }
    return String.join(System.lineSeparator(), out);
  }
}
