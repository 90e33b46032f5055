package io.berth.launcher;

import io.berth.events.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates every topic of the {@link Topic} catalogue, idempotently, on an embedded broker or on a
 * cluster (where {@link #main} is run once with replication factor 3 and min ISR 2).
 */
public final class TopicSetup {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
  private static final long TIMEOUT_SECONDS = 60;

  /**
   * How topics are created.
   *
   * @param replicationFactor replicas per partition (1 on the embedded broker, 3 on a cluster)
   * @param minInsyncReplicas when not null, overrides every topic's {@code min.insync.replicas}
   * @param alterExisting when true, the catalogue's configs are also applied to existing topics
   */
  public record Options(short replicationFactor, Integer minInsyncReplicas, boolean alterExisting) {

    /** Options for a single broker: one replica, configs exactly as in the catalogue. */
    public static Options singleNode() {
      return new Options((short) 1, null, false);
    }

    /** The configs a topic is created with under these options. */
    public Map<String, String> configsFor(Topic topic) {
      Map<String, String> configs = new LinkedHashMap<>(topic.configs());
      if (minInsyncReplicas != null) {
        configs.put("min.insync.replicas", String.valueOf(minInsyncReplicas));
      }
      return configs;
    }
  }

  private TopicSetup() {}

  /**
   * Creates the missing topics, grows topics that have fewer partitions than the catalogue asks
   * for, and returns the names of the topics it created.
   */
  public static List<String> ensureTopics(Admin admin, Options options) {
    try {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      List<Topic> present = new ArrayList<>();
      for (Topic topic : Topic.values()) {
        if (existing.contains(topic.topicName())) {
          present.add(topic);
        } else {
          missing.add(
              new NewTopic(topic.topicName(), topic.partitions(), options.replicationFactor())
                  .configs(options.configsFor(topic)));
        }
      }
      List<String> created = new ArrayList<>();
      if (!missing.isEmpty()) {
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
          try {
            result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            created.add(result.getKey());
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw e;
            }
          }
        }
      }
      if (!present.isEmpty()) {
        growPartitions(admin, present);
        if (options.alterExisting()) {
          alterConfigs(admin, present, options);
        }
      }
      if (!created.isEmpty()) {
        LOG.info("Created topics {}", created);
      }
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Berth topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create Berth topics: " + e, e);
    }
  }

  private static void growPartitions(Admin admin, List<Topic> present)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, TopicDescription> descriptions =
        admin
            .describeTopics(present.stream().map(Topic::topicName).toList())
            .allTopicNames()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<String, NewPartitions> grow = new HashMap<>();
    for (Topic topic : present) {
      TopicDescription description = descriptions.get(topic.topicName());
      if (description != null && description.partitions().size() < topic.partitions()) {
        grow.put(topic.topicName(), NewPartitions.increaseTo(topic.partitions()));
      }
    }
    if (!grow.isEmpty()) {
      admin.createPartitions(grow).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("Added partitions to {}", grow.keySet());
    }
  }

  private static void alterConfigs(Admin admin, List<Topic> present, Options options)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<ConfigResource, java.util.Collection<AlterConfigOp>> ops = new HashMap<>();
    for (Topic topic : present) {
      List<AlterConfigOp> topicOps = new ArrayList<>();
      options
          .configsFor(topic)
          .forEach(
              (key, value) ->
                  topicOps.add(
                      new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)));
      ops.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName()), topicOps);
    }
    admin.incrementalAlterConfigs(ops).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Creates the topics on a cluster: {@code TopicSetup --bootstrap-servers host:9092
   * [--replication-factor 3] [--min-insync-replicas 2] [--alter-existing]}.
   */
  public static void main(String[] args) {
    String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:23790");
    short replication = 1;
    Integer minIsr = null;
    boolean alter = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--bootstrap-servers" -> bootstrap = value(args, ++i);
        case "--replication-factor" -> replication = Short.parseShort(value(args, ++i));
        case "--min-insync-replicas" -> minIsr = Integer.parseInt(value(args, ++i));
        case "--alter-existing" -> alter = true;
        default -> {
          System.err.println(
              "usage: TopicSetup [--bootstrap-servers host:port,...] [--replication-factor n]"
                  + " [--min-insync-replicas n] [--alter-existing]");
          System.exit(2);
        }
      }
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "120000");
    Options options = new Options(replication, minIsr, alter);
    // A cluster that is still starting refuses replication factor 3 until enough brokers have
    // registered: try again for two minutes.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        try {
          List<String> created = ensureTopics(admin, options);
          System.out.println("Berth topics ready on " + bootstrap + " (created: " + created + ")");
          return;
        } catch (IllegalStateException e) {
          if (System.nanoTime() - deadline >= 0) {
            System.err.println("Berth topics could not be created: " + e.getMessage());
            System.exit(1);
          }
          System.err.println("Kafka not ready yet (" + e.getMessage() + "), retrying");
          try {
            Thread.sleep(2000);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            System.exit(1);
          }
        }
      }
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
