package io.berth.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The embedded default's settings: repository root, data directory, ports, JVM options and
 * timeouts, read from the environment ({@code BERTH_*}) by the command line and the supervisor.
 *
 * @param repoRoot the Berth repository (the services run from its build output)
 * @param dataDir the state root: {@code kafka/}, {@code logs/}, {@code run/}, one dir per service
 * @param kafkaPort Kafka's client port on 127.0.0.1
 * @param controllerPort Kafka's KRaft controller port on 127.0.0.1
 * @param ports each service's HTTP port on 127.0.0.1
 * @param gatewayHost the address the gateway listens on: 127.0.0.1, or 0.0.0.0 for every address
 *     (then clients elsewhere need a token: docs/security.md)
 * @param javaOpts JVM options for the services
 * @param startupTimeout how long {@code up} waits for everything to be healthy
 * @param stopTimeout how long a service gets between SIGTERM and SIGKILL
 */
public record BerthConfig(
    Path repoRoot,
    Path dataDir,
    int kafkaPort,
    int controllerPort,
    Map<BerthService, Integer> ports,
    String gatewayHost,
    List<String> javaOpts,
    Duration startupTimeout,
    Duration stopTimeout) {

  /** Where state lives when {@code BERTH_DATA_DIR} is not set. */
  public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/berth");

  /** Kafka's client port when {@code BERTH_KAFKA_PORT} is not set. */
  public static final int DEFAULT_KAFKA_PORT = 23790;

  /** The gateway's address when {@code BERTH_GATEWAY_HOST} is not set: loopback only. */
  public static final String DEFAULT_GATEWAY_HOST = "127.0.0.1";

  /**
   * The addresses the gateway may listen on. A single other address is not offered: the supervisor
   * probes every service's health on 127.0.0.1.
   */
  public static final Set<String> GATEWAY_HOSTS = Set.of("127.0.0.1", "0.0.0.0");

  /** JVM options of the services when {@code BERTH_JAVA_OPTS} is not set. */
  public static final List<String> DEFAULT_JAVA_OPTS = List.of("-XX:+UseSerialGC", "-Xmx512m");

  /** Validates and copies. */
  public BerthConfig {
    repoRoot = repoRoot.toAbsolutePath().normalize();
    dataDir = dataDir.toAbsolutePath().normalize();
    EnumMap<BerthService, Integer> copy = new EnumMap<>(BerthService.class);
    for (BerthService service : BerthService.values()) {
      copy.put(service, ports.getOrDefault(service, service.defaultPort()));
    }
    ports = Map.copyOf(copy);
    if (!GATEWAY_HOSTS.contains(gatewayHost)) {
      throw new IllegalArgumentException(
          "BERTH_GATEWAY_HOST must be 127.0.0.1 (this host only) or 0.0.0.0 (every address), not "
              + gatewayHost);
    }
    javaOpts = List.copyOf(javaOpts);
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Set<Integer> seen = new HashSet<>();
    for (Map.Entry<String, Integer> entry : namedPorts(kafkaPort, controllerPort, ports)) {
      int port = entry.getValue();
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port of " + entry.getKey() + " out of range: " + port);
      }
      if (!seen.add(port)) {
        throw new IllegalArgumentException(
            "port " + port + " is given to more than one component (" + entry.getKey() + ")");
      }
    }
  }

  /**
   * Reads the settings from environment variables: {@code BERTH_HOME} (repository root, else {@code
   * defaultRepoRoot}), {@code BERTH_DATA_DIR} (/var/lib/berth), {@code BERTH_GATEWAY_PORT} (2375),
   * {@code BERTH_IMAGE_SERVICE_PORT}, {@code BERTH_LAYER_SERVICE_PORT}, {@code
   * BERTH_CONTAINER_SERVICE_PORT} (23751-23753), {@code BERTH_KAFKA_PORT} (23790), {@code
   * BERTH_KAFKA_CONTROLLER_PORT} (Kafka port + 1), {@code BERTH_GATEWAY_HOST} (127.0.0.1), {@code
   * BERTH_JAVA_OPTS} (-XX:+UseSerialGC -Xmx512m), {@code BERTH_STARTUP_TIMEOUT} (seconds, 90),
   * {@code BERTH_STOP_TIMEOUT} (seconds, 10).
   */
  public static BerthConfig fromEnv(Map<String, String> env, Path defaultRepoRoot) {
    Path repo = path(env, "BERTH_HOME", defaultRepoRoot);
    Path data = path(env, "BERTH_DATA_DIR", DEFAULT_DATA_DIR);
    int kafka = port(env, "BERTH_KAFKA_PORT", DEFAULT_KAFKA_PORT);
    int controller = port(env, "BERTH_KAFKA_CONTROLLER_PORT", kafka + 1);
    EnumMap<BerthService, Integer> ports = new EnumMap<>(BerthService.class);
    for (BerthService service : BerthService.values()) {
      ports.put(service, port(env, portEnvVar(service), service.defaultPort()));
    }
    String opts = env.get("BERTH_JAVA_OPTS");
    List<String> javaOpts = opts == null || opts.isBlank() ? DEFAULT_JAVA_OPTS : splitOptions(opts);
    String gatewayHost = env.getOrDefault("BERTH_GATEWAY_HOST", "").trim();
    return new BerthConfig(
        repo,
        data,
        kafka,
        controller,
        ports,
        gatewayHost.isEmpty() ? DEFAULT_GATEWAY_HOST : gatewayHost,
        javaOpts,
        Duration.ofSeconds(number(env, "BERTH_STARTUP_TIMEOUT", 90)),
        Duration.ofSeconds(number(env, "BERTH_STOP_TIMEOUT", 10)));
  }

  /** The environment variable that sets a service's port, e.g. {@code BERTH_GATEWAY_PORT}. */
  public static String portEnvVar(BerthService service) {
    return "BERTH_" + service.name() + "_PORT";
  }

  /** The HTTP port of a service. */
  public int port(BerthService service) {
    return ports.get(service);
  }

  /** The directory of pid files, the control socket and the state file. */
  public Path runDir() {
    return dataDir.resolve("run");
  }

  /** The directory of the log files. */
  public Path logDir() {
    return dataDir.resolve("logs");
  }

  /** Kafka's data directory. */
  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  /** Every port with the component that uses it, Kafka first. */
  public List<Map.Entry<String, Integer>> namedPorts() {
    return namedPorts(kafkaPort, controllerPort, ports);
  }

  private static List<Map.Entry<String, Integer>> namedPorts(
      int kafkaPort, int controllerPort, Map<BerthService, Integer> ports) {
    List<Map.Entry<String, Integer>> all = new ArrayList<>();
    all.add(Map.entry("kafka", kafkaPort));
    all.add(Map.entry("kafka controller", controllerPort));
    for (BerthService service : BerthService.values()) {
      all.add(Map.entry(service.serviceName(), ports.get(service)));
    }
    return all;
  }

  /** Writes the settings for later commands ({@code status}, {@code down}) to read back. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("repoRoot", repoRoot.toString());
    p.setProperty("dataDir", dataDir.toString());
    p.setProperty("kafkaPort", String.valueOf(kafkaPort));
    p.setProperty("controllerPort", String.valueOf(controllerPort));
    for (BerthService service : BerthService.values()) {
      p.setProperty("port." + service.serviceName(), String.valueOf(port(service)));
    }
    p.setProperty("gatewayHost", gatewayHost);
    p.setProperty("javaOpts", String.join(" ", javaOpts));
    p.setProperty("startupTimeout", String.valueOf(startupTimeout.toSeconds()));
    p.setProperty("stopTimeout", String.valueOf(stopTimeout.toSeconds()));
    return p;
  }

  /** Reads settings written by {@link #toProperties()}. */
  public static BerthConfig fromProperties(Properties p) {
    EnumMap<BerthService, Integer> ports = new EnumMap<>(BerthService.class);
    for (BerthService service : BerthService.values()) {
      ports.put(
          service,
          Integer.parseInt(
              p.getProperty(
                  "port." + service.serviceName(), String.valueOf(service.defaultPort()))));
    }
    String opts = p.getProperty("javaOpts", "");
    return new BerthConfig(
        Path.of(p.getProperty("repoRoot")),
        Path.of(p.getProperty("dataDir")),
        Integer.parseInt(p.getProperty("kafkaPort")),
        Integer.parseInt(p.getProperty("controllerPort")),
        ports,
        p.getProperty("gatewayHost", DEFAULT_GATEWAY_HOST),
        opts.isBlank() ? List.of() : splitOptions(opts),
        Duration.ofSeconds(Long.parseLong(p.getProperty("startupTimeout", "90"))),
        Duration.ofSeconds(Long.parseLong(p.getProperty("stopTimeout", "10"))));
  }

  /** Splits JVM options on whitespace (no quoting: JVM options rarely need it). */
  static List<String> splitOptions(String opts) {
    return Arrays.stream(opts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private static Path path(Map<String, String> env, String name, Path fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : Path.of(value.trim());
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    long value = number(env, name, fallback);
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException(name + " must be a port number (1-65535): " + value);
    }
    return (int) value;
  }

  private static long number(Map<String, String> env, String name, long fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim().toLowerCase(Locale.ROOT).replaceAll("s$", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number: '" + value + "'");
    }
  }
}
