package io.berth.launcher;

import io.berth.events.Topic;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker running in KRaft mode inside this JVM (combined broker and controller,
 * node id 1, listening on 127.0.0.1) with every Berth {@link Topic} created.
 *
 * <p>Layout of the data directory: {@code cluster.id} (the cluster id, written before the first
 * format) and {@code data/} (Kafka's {@code log.dirs}, which also holds the metadata log). Starting
 * again on the same directory finds the same cluster, topics and records. Usage:
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startOnFreePorts(tempDir)) {
 *   String bootstrap = kafka.bootstrapServers(); // "127.0.0.1:41234"
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String HOST = "127.0.0.1";
  private static final int FREE_PORT_ATTEMPTS = 5;

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private final String clusterId;
  private final KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafkaBroker(
      Path dataDir, int port, int controllerPort, String clusterId, KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.clusterId = clusterId;
    this.server = server;
  }

  /**
   * Starts the broker on the given ports, formatting {@code dataDir} on first use, and returns once
   * it accepts clients and every Berth topic exists.
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort) {
    return start(dataDir, port, controllerPort, Map.of());
  }

  /**
   * Like {@link #start(Path, int, int)}, with extra broker properties that override the defaults
   * (for example {@code Map.of("log.retention.ms", "60000")}).
   */
  public static EmbeddedKafkaBroker start(
      Path dataDir, int port, int controllerPort, Map<String, String> overrides) {
    Path dir = dataDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir.resolve("data"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot create Kafka data directory " + dir, e);
    }
    String clusterId = clusterId(dir);
    KafkaConfig config = new KafkaConfig(properties(dir, port, controllerPort, overrides), false);
    format(config, clusterId, dir.resolve("data"));
    long started = System.nanoTime();
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    EmbeddedKafkaBroker broker;
    try {
      server.startup();
      broker = new EmbeddedKafkaBroker(dir, port, controllerPort, clusterId, server);
    } catch (RuntimeException e) {
      shutdownQuietly(server);
      throw new IllegalStateException(
          "Kafka broker failed to start on " + HOST + ":" + port + ": " + e.getMessage(), e);
    }
    try {
      broker.createTopics();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    LOG.info(
        "Kafka broker (cluster {}) ready on {} in {} ms, data in {}",
        clusterId,
        broker.bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000,
        dir);
    return broker;
  }

  /**
   * Starts the broker on two free loopback ports (for tests); a restart on the same directory gets
   * new ports but the same data.
   */
  public static EmbeddedKafkaBroker startOnFreePorts(Path dataDir) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt++) {
      int[] ports = Ports.freePorts(2);
      try {
        return start(dataDir, ports[0], ports[1]);
      } catch (RuntimeException e) {
        // Another process may have taken a port between the probe and the bind: try new ones.
        last = e;
        LOG.warn("Kafka broker did not start on ports {}/{}: {}", ports[0], ports[1], e.toString());
      }
    }
    throw last;
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code "127.0.0.1:23790"}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The PLAINTEXT (client) port. */
  public int port() {
    return port;
  }

  /** The KRaft controller port. */
  public int controllerPort() {
    return controllerPort;
  }

  /** The Kafka cluster id, stable across restarts on the same data directory. */
  public String clusterId() {
    return clusterId;
  }

  /** The data directory this broker was started on. */
  public Path dataDir() {
    return dataDir;
  }

  /** Shuts the broker down cleanly and waits until it has stopped; a second call does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long started = System.nanoTime();
    shutdownQuietly(server);
    LOG.info(
        "Kafka broker on {} stopped in {} ms",
        bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000);
  }

  private void createTopics() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "berth-launcher-topics");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
    try (Admin admin = Admin.create(props)) {
      TopicSetup.ensureTopics(admin, TopicSetup.Options.singleNode());
    }
  }

  private static void shutdownQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Kafka broker shutdown failed", e);
    }
  }

  /** The broker properties: single node, loopback, tuned for latency. */
  static Properties properties(
      Path dataDir, int port, int controllerPort, Map<String, String> overrides) {
    Properties p = new Properties();
    // KRaft, combined mode, one voter.
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("data").toString());
    // A single node: every replication factor and ISR is one.
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    // Berth creates its topics explicitly.
    p.put("auto.create.topics.enable", "false");
    // Latency and footprint on loopback.
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.num.partitions", "10");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("num.recovery.threads.per.data.dir", "2");
    p.put("background.threads", "4");
    p.put("log.cleaner.threads", "1");
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    p.put("socket.send.buffer.bytes", "-1");
    p.put("socket.receive.buffer.bytes", "-1");
    p.put("broker.heartbeat.interval.ms", "500");
    p.put("broker.session.timeout.ms", "6000");
    p.put("controller.quorum.election.timeout.ms", "500");
    p.put("controller.quorum.fetch.timeout.ms", "1000");
    p.put("controlled.shutdown.enable", "true");
    p.put("log.retention.check.interval.ms", "300000");
    p.putAll(overrides);
    return p;
  }

  /** The cluster id kept in {@code dataDir/cluster.id}, created on first use. */
  private static String clusterId(Path dataDir) {
    Path file = dataDir.resolve("cluster.id");
    try {
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!id.isEmpty()) {
          return id;
        }
      }
      String id = Uuid.randomUuid().toString();
      Path tmp = dataDir.resolve("cluster.id.tmp");
      Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return id;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or write " + file, e);
    }
  }

  /** Formats the storage directory unless it already is (then this is a no-op). */
  private static void format(KafkaConfig config, String clusterId, Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(clusterId)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(config.metadataLogDir())
          .addDirectory(logDir.toString())
          .setIgnoreFormatted(true)
          .run();
      LOG.info("Formatted Kafka storage {} for cluster {}", logDir, clusterId);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage " + logDir, e);
    }
  }
}
