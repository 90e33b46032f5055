package io.berth.launcher;

import io.berth.launcher.keeper.ContainerKeeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded platform: a real KRaft Kafka broker in this JVM and the four services as child
 * processes, with operations to stop, kill, start and restart one service while the others keep
 * running.
 *
 * <p>Typical use in an integration test of a service module (which has the launcher as a test
 * dependency; run it as a failsafe {@code *IT} so that {@code target/classpath.txt} exists):
 *
 * <pre>{@code
 * try (Platform berth = Platform.builder(Platform.findRepoRoot(), tempDir)
 *         .freePorts()
 *         .env(BerthService.CONTAINER_SERVICE, "BERTH_FAULT_HALT_BEFORE_PUBLISH", "true")
 *         .start()) {                         // returns once everything answers /health
 *   URI docker = berth.url(BerthService.GATEWAY);
 *   berth.kill(BerthService.CONTAINER_SERVICE);          // SIGKILL, stays down
 *   berth.start(BerthService.CONTAINER_SERVICE, Map.of("BERTH_FAULT_HALT_BEFORE_PUBLISH", "false"));
 *   berth.restart(BerthService.GATEWAY);                 // SIGTERM, start, await healthy
 * }                                                      // services stopped, then the broker
 * }</pre>
 *
 * <p>Each service is run as {@code java -Dberth.component=<name> <java opts> -cp
 * <module>/target/classes:<module/target/classpath.txt> <main class>} in {@code <data
 * dir>/<service>}, with {@code BERTH_DATA_DIR}, {@code KAFKA_BOOTSTRAP_SERVERS}, {@code
 * MICRONAUT_SERVER_HOST=127.0.0.1}, {@code MICRONAUT_SERVER_PORT} and {@code BERTH_<SERVICE>_URL}
 * of every service, plus the extra environment given; its output is appended to {@code <data
 * dir>/logs/<service>.log}. All methods are thread-safe.
 *
 * <p>The platform's process is also the containers' keeper ({@link ContainerKeeper}), since it
 * outlives a container-service restart: when run as root on Linux it becomes a child subreaper,
 * adopts and reaps the containers a dead service leaves behind (writing their exit files), and
 * holds their output pipes on {@code <data dir>/run/keeper.sock}. {@link Builder#keeper(boolean)}
 * turns that off.
 */
public final class Platform implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

  /** Called when a service process was started or has stopped (for pid files and the like). */
  public interface Listener {
    /** A process of {@code service} was started (it may not be healthy yet). */
    default void started(BerthService service, ServiceProcess process) {}

    /** A process of {@code service} answered its health check for the first time. */
    default void healthy(BerthService service, ServiceProcess process) {}

    /** A process of {@code service} was stopped or killed through the platform. */
    default void stopped(BerthService service, ServiceProcess process) {}

    /** The embedded broker is ready and every topic exists (not called for an external Kafka). */
    default void kafkaReady(String bootstrapServers) {}
  }

  private final Builder config;
  private final ContainerKeeper keeper;
  private final EmbeddedKafkaBroker broker;
  private final String bootstrapServers;
  private final Map<BerthService, ServiceProcess> processes = new ConcurrentHashMap<>();
  private final Map<BerthService, Object> locks = new EnumMap<>(BerthService.class);
  private volatile boolean closed;

  private Platform(
      Builder config, ContainerKeeper keeper, EmbeddedKafkaBroker broker, String bootstrapServers) {
    this.config = config;
    this.keeper = keeper;
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
    for (BerthService service : BerthService.values()) {
      locks.put(service, new Object());
    }
  }

  /**
   * A builder for a platform running the services of {@code repoRoot}, state under {@code dataDir}.
   */
  public static Builder builder(Path repoRoot, Path dataDir) {
    return new Builder(repoRoot, dataDir);
  }

  /** A builder preset from the command line's settings. */
  public static Builder builder(BerthConfig config) {
    Builder builder =
        new Builder(config.repoRoot(), config.dataDir())
            .kafkaPorts(config.kafkaPort(), config.controllerPort())
            .javaOpts(config.javaOpts())
            .startupTimeout(config.startupTimeout())
            .stopTimeout(config.stopTimeout());
    for (BerthService service : BerthService.values()) {
      builder.port(service, config.port(service));
    }
    if (!BerthConfig.DEFAULT_GATEWAY_HOST.equals(config.gatewayHost())) {
      builder.env(BerthService.GATEWAY, "MICRONAUT_SERVER_HOST", config.gatewayHost());
    }
    return builder;
  }

  /**
   * Finds the Berth repository root from the working directory upwards (the directory holding
   * {@code launcher/pom.xml} and the root {@code pom.xml}); {@code BERTH_HOME} wins when set.
   */
  public static Path findRepoRoot() {
    String home = System.getenv("BERTH_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home).toAbsolutePath().normalize();
    }
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml"))
          && Files.isRegularFile(d.resolve("launcher").resolve("pom.xml"))) {
        return d;
      }
    }
    throw new IllegalStateException("no Berth repository root above " + dir);
  }

  /** The Kafka {@code bootstrap.servers} the services use. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The embedded broker, or empty when the platform uses an external Kafka. */
  public Optional<EmbeddedKafkaBroker> broker() {
    return Optional.ofNullable(broker);
  }

  /** The data root ({@code BERTH_DATA_DIR} of the services). */
  public Path dataDir() {
    return config.dataDir;
  }

  /** The repository root the services run from. */
  public Path repoRoot() {
    return config.repoRoot;
  }

  /** The HTTP port of a service. */
  public int port(BerthService service) {
    return config.ports.get(service);
  }

  /** The base URL of a service, e.g. {@code http://127.0.0.1:2375}. */
  public URI url(BerthService service) {
    return URI.create("http://127.0.0.1:" + port(service));
  }

  /** The {@code DOCKER_HOST} value for the gateway, e.g. {@code tcp://127.0.0.1:2375}. */
  public String dockerHost() {
    return "tcp://127.0.0.1:" + port(BerthService.GATEWAY);
  }

  /** The containers' keeper hosted by this platform, or empty when it is off or not root. */
  public Optional<ContainerKeeper> keeper() {
    return Optional.ofNullable(keeper);
  }

  /** The services this platform manages. */
  public Set<BerthService> services() {
    return EnumSet.copyOf(config.services);
  }

  /**
   * The current process of a service (possibly dead after {@link #kill} or a crash), or empty if it
   * was never started.
   */
  public Optional<ServiceProcess> process(BerthService service) {
    return Optional.ofNullable(processes.get(service));
  }

  /** The current process of a service; throws if it was never started. */
  public ServiceProcess service(BerthService service) {
    return process(service)
        .orElseThrow(() -> new IllegalStateException(service.serviceName() + " was never started"));
  }

  /** The log file of a service. */
  public Path logFile(BerthService service) {
    return config.dataDir.resolve("logs").resolve(service.serviceName() + ".log");
  }

  /**
   * Starts a service that is not running and waits until it is healthy (startup timeout of the
   * builder); does nothing but wait for health if it already runs.
   */
  public ServiceProcess start(BerthService service) {
    return start(service, Map.of());
  }

  /**
   * Like {@link #start(BerthService)} with extra environment for this start only (on top of the
   * builder's), e.g. to switch a fault-injection variable on or off.
   */
  public ServiceProcess start(BerthService service, Map<String, String> envOverrides) {
    requireManaged(service);
    synchronized (locks.get(service)) {
      ensureOpen();
      ServiceProcess current = processes.get(service);
      if (current == null || !current.isAlive()) {
        current = launch(service, envOverrides);
      }
      return awaitHealthyOrStop(service, current, config.startupTimeout);
    }
  }

  /**
   * Stops a service: SIGTERM, then SIGKILL after the stop timeout. Returns its exit code (-1 if not
   * running).
   */
  public int stop(BerthService service) {
    requireManaged(service);
    synchronized (locks.get(service)) {
      ServiceProcess current = processes.get(service);
      if (current == null) {
        return -1;
      }
      int code = current.stop();
      config.listener.stopped(service, current);
      return code;
    }
  }

  /**
   * Kills a service at once with SIGKILL (it stays down until {@link #start}). Returns its exit
   * code.
   */
  public int kill(BerthService service) {
    requireManaged(service);
    synchronized (locks.get(service)) {
      ServiceProcess current = processes.get(service);
      if (current == null) {
        return -1;
      }
      int code = current.kill();
      LOG.info("Killed {} (pid {})", service.serviceName(), current.pid());
      config.listener.stopped(service, current);
      return code;
    }
  }

  /** Stops (SIGTERM, then SIGKILL) and starts a service again; returns once it is healthy. */
  public ServiceProcess restart(BerthService service) {
    return restart(service, Map.of());
  }

  /** Like {@link #restart(BerthService)} with extra environment for the new process. */
  public ServiceProcess restart(BerthService service, Map<String, String> envOverrides) {
    requireManaged(service);
    synchronized (locks.get(service)) {
      ensureOpen();
      stop(service);
      return start(service, envOverrides);
    }
  }

  /**
   * Stops every service (in parallel: SIGTERM, then SIGKILL after the stop timeout), then the
   * embedded broker, then the keeper (containers keep running). A second call does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopAll(config.services);
    if (broker != null) {
      broker.close();
    }
    if (keeper != null) {
      keeper.close();
    }
  }

  private void stopAll(Set<BerthService> services) {
    CountDownLatch done = new CountDownLatch(services.size());
    List<Thread> threads = new ArrayList<>();
    for (BerthService service : services) {
      threads.add(
          new Thread(
              () -> {
                try {
                  stop(service);
                } catch (RuntimeException e) {
                  LOG.warn("Stopping {} failed", service.serviceName(), e);
                } finally {
                  done.countDown();
                }
              },
              "berth-stop-" + service.serviceName()));
    }
    threads.forEach(Thread::start);
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts every service, then waits for all of them; stops them all if one fails. */
  private void startAll() {
    for (BerthService service : config.services) {
      synchronized (locks.get(service)) {
        launch(service, Map.of());
      }
    }
    long deadline = System.nanoTime() + config.startupTimeout.toNanos();
    Set<BerthService> waiting = EnumSet.copyOf(config.services);
    while (!waiting.isEmpty()) {
      for (BerthService service : List.copyOf(waiting)) {
        ServiceProcess p = processes.get(service);
        if (!p.isAlive()) {
          throw p.failure(
              "exited with code " + p.exitCode().orElse(-1) + " before it became healthy");
        }
        if (p.isHealthy()) {
          LOG.info(
              "{} healthy after {} ms",
              service.serviceName(),
              Duration.between(p.startedAt(), Instant.now()).toMillis());
          waiting.remove(service);
          config.listener.healthy(service, p);
        }
      }
      if (!waiting.isEmpty()) {
        if (System.nanoTime() - deadline >= 0) {
          BerthService first = waiting.iterator().next();
          throw processes
              .get(first)
              .failure("not healthy after " + config.startupTimeout.toSeconds() + " s");
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while starting Berth", e);
        }
      }
    }
  }

  private ServiceProcess awaitHealthyOrStop(
      BerthService service, ServiceProcess process, Duration timeout) {
    try {
      process.awaitHealthy(timeout);
      config.listener.healthy(service, process);
      return process;
    } catch (ServiceFailedException e) {
      if (process.isAlive()) {
        process.stop();
        config.listener.stopped(service, process);
      }
      throw e;
    }
  }

  private ServiceProcess launch(BerthService service, Map<String, String> envOverrides) {
    ServiceProcess.Spec spec = spec(service, envOverrides);
    ServiceProcess process = ServiceProcess.start(spec);
    if (keeper != null) {
      // However it ends (stop, restart, crash, kill -9), what it leaves running becomes ours.
      process.onExit().thenRun(keeper::adoptOrphansSoon);
    }
    processes.put(service, process);
    config.listener.started(service, process);
    return process;
  }

  /** The specification a service is (or would be) started from. */
  public ServiceProcess.Spec spec(BerthService service) {
    return spec(service, Map.of());
  }

  private ServiceProcess.Spec spec(BerthService service, Map<String, String> envOverrides) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BERTH_DATA_DIR", config.dataDir.toString());
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
    env.put("MICRONAUT_SERVER_PORT", String.valueOf(port(service)));
    for (BerthService other : BerthService.values()) {
      env.put(other.urlEnvVar(), url(other).toString());
    }
    env.putAll(config.env);
    env.putAll(config.serviceEnv.getOrDefault(service, Map.of()));
    env.putAll(envOverrides);
    List<String> command = config.commands.get(service);
    if (command == null) {
      command = javaCommand(service);
    }
    return new ServiceProcess.Spec(
        service.serviceName(),
        command,
        env,
        config.dataDir.resolve(service.serviceName()),
        logFile(service),
        port(service),
        "/health",
        config.stopTimeout);
  }

  private List<String> javaCommand(BerthService service) {
    Path module = config.repoRoot.resolve(service.moduleDir());
    Path classes = module.resolve("target").resolve("classes");
    Path classpathFile = module.resolve("target").resolve("classpath.txt");
    if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
      throw new ServiceFailedException(
          service.serviceName(),
          "is not built: "
              + (Files.isDirectory(classes) ? classpathFile : classes)
              + " is missing (run: mvn -B -DskipTests package in "
              + config.repoRoot
              + ")",
          List.of());
    }
    String dependencies;
    try {
      dependencies = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + classpathFile, e);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dberth.component=" + service.serviceName());
    command.addAll(config.serviceJavaOpts.getOrDefault(service, config.javaOpts));
    command.add("-cp");
    command.add(dependencies.isEmpty() ? classes.toString() : classes + ":" + dependencies);
    command.add(service.mainClass());
    return command;
  }

  private void requireManaged(BerthService service) {
    if (!config.services.contains(service)) {
      throw new IllegalArgumentException(service.serviceName() + " is not part of this platform");
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the platform is closed");
    }
  }

  /** Settings of a {@link Platform}; {@link #start()} starts it. */
  public static final class Builder {
    private final Path repoRoot;
    private final Path dataDir;
    private int kafkaPort = BerthConfig.DEFAULT_KAFKA_PORT;
    private int controllerPort = BerthConfig.DEFAULT_KAFKA_PORT + 1;
    private String externalKafka;
    private final Map<BerthService, Integer> ports = new EnumMap<>(BerthService.class);
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<BerthService, Map<String, String>> serviceEnv =
        new EnumMap<>(BerthService.class);
    private List<String> javaOpts = BerthConfig.DEFAULT_JAVA_OPTS;
    private final Map<BerthService, List<String>> serviceJavaOpts =
        new EnumMap<>(BerthService.class);
    private final Map<BerthService, List<String>> commands = new EnumMap<>(BerthService.class);
    private Set<BerthService> services = EnumSet.allOf(BerthService.class);
    private Duration startupTimeout = Duration.ofSeconds(90);
    private Duration stopTimeout = Duration.ofSeconds(10);
    private Map<String, String> brokerOverrides = Map.of();
    private Listener listener = new Listener() {};
    private boolean keeper = true;

    private Builder(Path repoRoot, Path dataDir) {
      this.repoRoot = repoRoot.toAbsolutePath().normalize();
      this.dataDir = dataDir.toAbsolutePath().normalize();
      for (BerthService service : BerthService.values()) {
        ports.put(service, service.defaultPort());
      }
    }

    /** Kafka's client and controller ports (default 23790 and 23791). */
    public Builder kafkaPorts(int port, int controllerPort) {
      this.kafkaPort = port;
      this.controllerPort = controllerPort;
      return this;
    }

    /** Uses an already running Kafka instead of starting the embedded broker. */
    public Builder externalKafka(String bootstrapServers) {
      this.externalKafka = Objects.requireNonNull(bootstrapServers);
      return this;
    }

    /** Extra broker properties for the embedded broker. */
    public Builder brokerOverrides(Map<String, String> overrides) {
      this.brokerOverrides = Map.copyOf(overrides);
      return this;
    }

    /** The HTTP port of a service (default: its conventional port). */
    public Builder port(BerthService service, int port) {
      ports.put(service, port);
      return this;
    }

    /** Picks free loopback ports for Kafka and every service (for tests). */
    public Builder freePorts() {
      int[] free = Ports.freePorts(3 + BerthService.values().length);
      kafkaPorts(free[0], free[1]);
      int i = 2;
      for (BerthService service : BerthService.values()) {
        ports.put(service, free[i++]);
      }
      // The container-service's attach/exec stream port, which the gateway connects to.
      env.put("BERTH_CONTAINER_STREAM_PORT", String.valueOf(free[i]));
      return this;
    }

    /** An environment variable for every service. */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** An environment variable for one service (wins over {@link #env(String, String)}). */
    public Builder env(BerthService service, String name, String value) {
      serviceEnv.computeIfAbsent(service, s -> new HashMap<>()).put(name, value);
      return this;
    }

    /** JVM options of every service (default {@code -XX:+UseSerialGC -Xmx512m}). */
    public Builder javaOpts(List<String> opts) {
      this.javaOpts = List.copyOf(opts);
      return this;
    }

    /** JVM options of one service, e.g. a debug agent (replaces the common ones). */
    public Builder javaOpts(BerthService service, List<String> opts) {
      serviceJavaOpts.put(service, List.copyOf(opts));
      return this;
    }

    /**
     * Runs this command instead of the service's JVM (a stand-in in tests); it must serve {@code
     * GET /health} on the service's port, which it finds in {@code MICRONAUT_SERVER_PORT}.
     */
    public Builder command(BerthService service, List<String> command) {
      commands.put(service, List.copyOf(command));
      return this;
    }

    /** Which services to run (default: all four). */
    public Builder services(BerthService first, BerthService... rest) {
      this.services = EnumSet.of(first, rest);
      return this;
    }

    /** How long {@link #start()} (and a later start or restart) waits for health; default 90 s. */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** How long a stopping service gets between SIGTERM and SIGKILL; default 10 s. */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** Told about every started and stopped process. */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /**
     * Whether the platform's process keeps the containers (default true; it takes root on Linux,
     * and is skipped with a log line elsewhere). Off, orphaned containers are nobody's and their
     * output pipes die with the container-service.
     */
    public Builder keeper(boolean keeper) {
      this.keeper = keeper;
      return this;
    }

    /**
     * Starts the keeper (see {@link #keeper(boolean)}), the broker (unless external), then all
     * services at once, and returns when every one answers {@code GET /health} with 200.
     *
     * @throws ServiceFailedException naming the first service that exited or was not healthy in
     *     time, with its last 20 log lines; everything started is stopped again
     */
    public Platform start() {
      try {
        Files.createDirectories(dataDir.resolve("logs"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + dataDir, e);
      }
      // Before any service: the container-service connects to the keeper as it starts, and only
      // a subreaper set before the containers are started adopts them.
      ContainerKeeper containerKeeper =
          keeper
              ? ContainerKeeper.start(dataDir, ServiceProcess::withServicePids).orElse(null)
              : null;
      EmbeddedKafkaBroker broker = null;
      String bootstrap = externalKafka;
      try {
        if (bootstrap == null) {
          broker =
              EmbeddedKafkaBroker.start(
                  dataDir.resolve("kafka"), kafkaPort, controllerPort, brokerOverrides);
          bootstrap = broker.bootstrapServers();
          listener.kafkaReady(bootstrap);
        }
      } catch (RuntimeException e) {
        if (broker != null) {
          broker.close();
        }
        if (containerKeeper != null) {
          containerKeeper.close();
        }
        throw e;
      }
      Platform platform = new Platform(this, containerKeeper, broker, bootstrap);
      try {
        platform.startAll();
        LOG.info("Berth is up: {} on {}", platform.dockerHost(), bootstrap);
        return platform;
      } catch (RuntimeException e) {
        platform.close();
        throw e;
      }
    }
  }
}
