package io.berth.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon behind {@code berth up}: runs a {@link Platform} (the broker in this JVM, the services
 * as children), keeps pid files and start-up progress under {@code run/}, restarts a service that
 * crashes (with back-off), and obeys commands on its control socket {@code run/supervisor.sock}
 * ({@code ping}, {@code status}, {@code restart <service>}, {@code stop}); SIGTERM stops it too.
 *
 * <p>Control protocol: the client sends one line; the supervisor answers with any number of text
 * lines followed by a last line {@code OK} or {@code ERR}.
 *
 * <p>Its {@link Platform} makes it the containers' keeper too (subreaper and {@code
 * run/keeper.sock}, see {@link io.berth.launcher.keeper.ContainerKeeper}). Stopping Berth leaves
 * containers running.
 */
public final class Supervisor implements AutoCloseable {

  private static final Duration HEALTHY_RESETS_BACKOFF = Duration.ofSeconds(60);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Logger log = LoggerFactory.getLogger(Supervisor.class);
  private final BerthConfig config;
  private final RunDir run;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Set<BerthService> restarting = ConcurrentHashMap.newKeySet();
  private final Map<BerthService, Integer> crashes = new EnumMap<>(BerthService.class);
  private final ExecutorService workers = Executors.newCachedThreadPool(daemon("berth-worker"));
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(daemon("berth-watchdog"));
  private volatile Platform platform;
  private volatile ServerSocketChannel server;
  private volatile boolean stopping;

  /** A supervisor for the given settings (nothing starts before {@link #run()}). */
  public Supervisor(BerthConfig config) {
    this.config = config;
    this.run = new RunDir(config.runDir());
  }

  /** Entry point: {@code Supervisor --config <data dir>/run/berth.properties}. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "berth-supervisor-logback.xml");
    }
    BerthConfig config;
    try {
      config = loadConfig(args);
    } catch (RuntimeException e) {
      System.err.println("berth supervisor: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (System.getProperty("berth.log.dir") == null) {
      System.setProperty("berth.log.dir", config.logDir().toString());
    }
    Supervisor supervisor = new Supervisor(config);
    Runtime.getRuntime().addShutdownHook(new Thread(supervisor::close, "berth-shutdown"));
    int code = supervisor.run();
    System.exit(code);
  }

  private static BerthConfig loadConfig(String[] args) {
    if (args.length == 2 && args[0].equals("--config")) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + args[1], e);
      }
      return BerthConfig.fromProperties(p);
    }
    if (args.length == 0) {
      return BerthConfig.fromEnv(System.getenv(), Path.of("").toAbsolutePath());
    }
    throw new IllegalArgumentException("usage: Supervisor [--config <berth.properties>]");
  }

  /**
   * Starts everything, then serves the control socket until asked to stop. Returns the exit code: 0
   * after a requested stop, 1 when start-up failed.
   */
  public int run() {
    try {
      Files.createDirectories(config.runDir());
      Files.createDirectories(config.logDir());
      for (BerthService service : BerthService.values()) {
        Files.createDirectories(config.dataDir().resolve(service.serviceName()));
      }
    } catch (IOException e) {
      log.error("Cannot create the data directories under {}", config.dataDir(), e);
      return 1;
    }
    RunDir.deleteQuietly(run.failure());
    RunDir.deleteQuietly(run.progress());
    run.supervisorPid().write(ProcessHandle.current().pid());
    run.progress("starting " + ProcessHandle.current().pid());
    log.info(
        "Berth supervisor (pid {}) starting: data {}, repository {}",
        ProcessHandle.current().pid(),
        config.dataDir(),
        config.repoRoot());
    try {
      bindControlSocket();
      platform = Platform.builder(config).listener(new PidFiles()).start();
    } catch (RuntimeException e) {
      String message = e instanceof ServiceFailedException ? e.getMessage() : e.toString();
      log.error("Berth failed to start: {}", message, e);
      writeFailure(message);
      run.progress("failed");
      close();
      return 1;
    }
    if (stopping) {
      // SIGTERM arrived while starting: the shutdown hook found nothing to stop yet.
      platform.close();
      return 0;
    }
    run.progress("ready");
    log.info("Berth is up: DOCKER_HOST={}", platform.dockerHost());
    watchdog.scheduleWithFixedDelay(this::checkServices, 1, 1, TimeUnit.SECONDS);
    workers.execute(this::serveControlSocket);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
    return 0;
  }

  /** Stops the services (SIGTERM, then SIGKILL), then the broker; removes the run files. */
  @Override
  public synchronized void close() {
    if (stopping && platform == null && server == null) {
      return;
    }
    stopping = true;
    run.progress("stopping");
    watchdog.shutdownNow();
    Platform p = platform;
    if (p != null) {
      log.info("Stopping Berth");
      p.close();
      platform = null;
    }
    ServerSocketChannel s = server;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // Closing anyway.
      }
      server = null;
    }
    RunDir.deleteQuietly(run.socket());
    for (BerthService service : BerthService.values()) {
      run.pid(service).delete();
    }
    run.supervisorPid().delete();
    RunDir.deleteQuietly(run.progress());
    stopped.countDown();
    log.info("Berth stopped");
  }

  private void bindControlSocket() {
    try {
      Files.deleteIfExists(run.socket());
      ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      channel.bind(UnixDomainSocketAddress.of(run.socket()));
      server = channel;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the control socket " + run.socket(), e);
    }
  }

  private void serveControlSocket() {
    while (!stopping) {
      try {
        SocketChannel client = server.accept();
        workers.execute(() -> handle(client));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (!stopping) {
          log.warn("Control socket failed", e);
        }
        return;
      }
    }
  }

  private void handle(SocketChannel client) {
    try (client;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        PrintWriter out =
            new PrintWriter(Channels.newOutputStream(client), true, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (line == null) {
        return;
      }
      String[] words = line.trim().split("\\s+");
      switch (words[0]) {
        case "ping" -> out.println("OK " + ProcessHandle.current().pid());
        case "status" -> {
          status().forEach(out::println);
          out.println("OK");
        }
        case "restart" -> {
          if (words.length != 2) {
            out.println("usage: restart <service>");
            out.println("ERR");
            return;
          }
          restart(words[1], out);
        }
        case "stop" -> {
          out.println("OK");
          out.flush();
          stopped.countDown();
        }
        default -> {
          out.println("unknown command: " + words[0]);
          out.println("ERR");
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Control command failed", e);
    }
  }

  private void restart(String name, PrintWriter out) {
    BerthService service;
    try {
      service = BerthService.of(name);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      out.println("ERR");
      return;
    }
    Platform p = platform;
    if (p == null || stopping) {
      out.println("Berth is stopping");
      out.println("ERR");
      return;
    }
    restarting.add(service);
    try {
      log.info("Restarting {} on request", service.serviceName());
      Instant started = Instant.now();
      ServiceProcess process = p.restart(service);
      synchronized (crashes) {
        crashes.remove(service);
      }
      out.println(
          service.serviceName()
              + " restarted (pid "
              + process.pid()
              + ", port "
              + process.port()
              + ", healthy after "
              + Duration.between(started, Instant.now()).toMillis()
              + " ms)");
      out.println("OK");
    } catch (ServiceFailedException e) {
      log.error("Restart of {} failed: {}", service.serviceName(), e.getMessage());
      out.println(e.getMessage());
      out.println("ERR");
    } finally {
      restarting.remove(service);
    }
  }

  /** One line per component: name, pid, port, state. */
  List<String> status() {
    Platform p = platform;
    List<String> lines = new ArrayList<>();
    lines.add(
        "kafka "
            + ProcessHandle.current().pid()
            + " "
            + config.kafkaPort()
            + " "
            + (p == null ? "starting" : "up"));
    for (BerthService service : BerthService.values()) {
      Optional<ServiceProcess> process = p == null ? Optional.empty() : p.process(service);
      lines.add(
          service.serviceName()
              + " "
              + process.map(ServiceProcess::pid).map(String::valueOf).orElse("-")
              + " "
              + config.port(service)
              + " "
              + process
                  .map(sp -> !sp.isAlive() ? "down" : sp.isHealthy() ? "healthy" : "unhealthy")
                  .orElse("down"));
    }
    return lines;
  }

  /** The watchdog: a service that died without being asked to is started again, with back-off. */
  private void checkServices() {
    Platform p = platform;
    if (p == null || stopping) {
      return;
    }
    for (BerthService service : BerthService.values()) {
      Optional<ServiceProcess> process = p.process(service);
      if (process.isEmpty() || process.get().isAlive() || restarting.contains(service)) {
        continue;
      }
      ServiceProcess dead = process.get();
      int count;
      synchronized (crashes) {
        if (Duration.between(dead.startedAt(), Instant.now()).compareTo(HEALTHY_RESETS_BACKOFF)
            > 0) {
          crashes.remove(service);
        }
        count = crashes.merge(service, 1, Integer::sum);
      }
      long delay = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(count - 1, 5));
      log.warn(
          "{} (pid {}) exited with code {}; restarting it in {} ms; last log lines:\n{}",
          service.serviceName(),
          dead.pid(),
          dead.exitCode().orElse(-1),
          delay,
          ServiceProcess.indent(dead.lastLogLines(20)));
      restarting.add(service);
      workers.execute(
          () -> {
            try {
              Thread.sleep(delay);
              if (!stopping) {
                p.start(service);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
              log.error("Could not restart {}: {}", service.serviceName(), e.getMessage());
            } finally {
              restarting.remove(service);
            }
          });
    }
  }

  private void writeFailure(String message) {
    try {
      Files.writeString(run.failure(), message + System.lineSeparator(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      log.warn("Cannot write {}", run.failure(), e);
    }
  }

  /** Keeps {@code run/<service>.pid} and the progress file up to date. */
  private final class PidFiles implements Platform.Listener {
    @Override
    public void started(BerthService service, ServiceProcess process) {
      run.pid(service).write(process.pid());
    }

    @Override
    public void healthy(BerthService service, ServiceProcess process) {
      if (platform == null) {
        run.progress(
            "healthy " + service.serviceName() + " " + process.pid() + " " + process.port());
      }
    }

    @Override
    public void stopped(BerthService service, ServiceProcess process) {
      run.pid(service).delete();
    }

    @Override
    public void kafkaReady(String bootstrapServers) {
      run.progress("kafka " + bootstrapServers);
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
