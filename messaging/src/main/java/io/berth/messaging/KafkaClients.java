package io.berth.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Makes Kafka producers and consumers with Berth's settings: idempotent producers and short waits,
 * tuned for latency on loopback.
 *
 * @param bootstrapServers {@code host:port,...}
 * @param clientId the service name, used as client id prefix
 */
public record KafkaClients(String bootstrapServers, String clientId) {

  public KafkaClients {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("kafka bootstrap servers must be set");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("client id must be set");
    }
  }

  /**
   * An idempotent producer: acks from all in-sync replicas, retries without duplicates or
   * reordering, and no batching delay ({@code linger.ms=0}, set explicitly: the default changed to
   * 5 ms in Kafka 4.0).
   */
  public KafkaProducer<String, byte[]> producer(String purpose) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-" + purpose);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(props);
  }

  /**
   * A consumer in a group with manual offset commits. The broker answers a fetch as soon as one
   * byte is there; {@code fetch.max.wait.ms} only bounds how long an idle fetch waits.
   */
  public KafkaConsumer<String, byte[]> groupConsumer(String groupId) {
    Properties props = base("group-" + groupId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A handler may move an archive of gigabytes (docker load, save) before it polls again:
    // give it half an hour rather than Kafka's five minutes before the group evicts it.
    props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30 * 60 * 1000);
    return new KafkaConsumer<>(props);
  }

  /** A consumer without a group, for {@code assign()}: every instance sees every record. */
  public KafkaConsumer<String, byte[]> standaloneConsumer(String purpose) {
    return standaloneConsumer(purpose, "read_uncommitted");
  }

  /**
   * A consumer without a group at the given isolation level ({@code read_committed} sees, and ends
   * at, what a group consumer of this class sees).
   */
  public KafkaConsumer<String, byte[]> standaloneConsumer(String purpose, String isolationLevel) {
    Properties props = base(purpose);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    return new KafkaConsumer<>(props);
  }

  private Properties base(String purpose) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + purpose);
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  /**
   * Every partition of the given topics, in topic then partition order, as the broker knows them
   * now.
   */
  public static List<TopicPartition> partitions(
      Consumer<?, ?> consumer, Collection<String> topics, Duration timeout) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    return partitions;
  }

  /** Comma-joined topic names, for log lines. */
  static String names(Collection<String> topics) {
    return String.join(",", topics);
  }
}
