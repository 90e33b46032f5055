package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  @TempDir Path dir;

  @Test
  void keepsTopicsAndRecordsAcrossARestartOnTheSameDirectory() throws Exception {
    String topic = Topic.CONTAINER_EVENTS.topicName();
    String clusterId;
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startOnFreePorts(dir)) {
      clusterId = kafka.clusterId();
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
      assertCatalogueExists(kafka);
      try (KafkaProducer<String, String> producer = producer(kafka)) {
        producer.send(new ProducerRecord<>(topic, "c-1", "started")).get(30, TimeUnit.SECONDS);
      }
      assertThat(readAll(kafka, topic, 1)).containsExactly("c-1=started");
    }

    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startOnFreePorts(dir)) {
      assertThat(kafka.clusterId()).isEqualTo(clusterId);
      assertCatalogueExists(kafka);
      assertThat(readAll(kafka, topic, 1)).containsExactly("c-1=started");
    }
  }

  @Test
  void topicSetupRecreatesMissingTopicsAndAppliesClusterSettingsToExistingOnes() throws Exception {
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.startOnFreePorts(dir)) {
      Properties props = new Properties();
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (Admin admin = Admin.create(props)) {
        assertThat(TopicSetup.ensureTopics(admin, TopicSetup.Options.singleNode())).isEmpty();

        admin.deleteTopics(List.of(Topic.DEAD_LETTER.topicName())).all().get(30, TimeUnit.SECONDS);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    TopicSetup.ensureTopics(admin, TopicSetup.Options.singleNode())
                        .equals(List.of(Topic.DEAD_LETTER.topicName())));

        TopicSetup.ensureTopics(admin, new TopicSetup.Options((short) 1, 2, true));
        ConfigResource events =
            new ConfigResource(ConfigResource.Type.TOPIC, Topic.CONTAINER_EVENTS.topicName());
        // The broker applies a config change once it has the new metadata: shortly after.
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  Config config =
                      admin
                          .describeConfigs(List.of(events))
                          .all()
                          .get(30, TimeUnit.SECONDS)
                          .get(events);
                  assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
                  assertThat(config.get("retention.ms").value()).isEqualTo("-1");
                });
      }
    }
  }

  private static void assertCatalogueExists(EmbeddedKafkaBroker kafka) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      List<String> names = new ArrayList<>();
      for (Topic t : Topic.values()) {
        names.add(t.topicName());
      }
      Map<String, TopicDescription> topics =
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      for (Topic t : Topic.values()) {
        assertThat(topics.get(t.topicName()).partitions()).hasSize(t.partitions());
      }
    }
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Reads the topic from the beginning with a fresh group until {@code expected} records came. */
  private static List<String> readAll(EmbeddedKafkaBroker kafka, String topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (seen.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(r.key() + "=" + r.value());
        }
      }
    }
    return seen;
  }
}
