package io.berth.gateway.events;

import io.berth.events.DecodingException;
import io.berth.events.Enveloped;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The example of docs/subscribing.md: a subscriber that reads Berth's container events straight
 * from Kafka with nothing but kafka-clients and {@code event-schemas}, and decodes each record into
 * its typed event with {@link EventCodec}. It collects one container's whole history: every event
 * of a container is in one partition (the key is the container id), in order.
 */
public final class ContainerHistoryConsumer implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;

  /** A consumer without a group: it keeps its own position and commits nothing. */
  public ContainerHistoryConsumer(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumer = new KafkaConsumer<>(props);
  }

  /**
   * Every event of one container so far, oldest first, typed.
   *
   * @param containerId the full container id (the record key)
   */
  public List<Enveloped<Message>> history(String containerId) {
    String topic = Topic.CONTAINER_EVENTS.topicName();
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    List<Enveloped<Message>> history = new ArrayList<>();
    while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        if (containerId.equals(record.key())) {
          try {
            history.add(EventCodec.decode(headers(record), record.value()));
          } catch (DecodingException e) {
            // A type this version of event-schemas does not know yet: skip it.
          }
        }
      }
    }
    return history;
  }

  /** The record's headers (the CloudEvents envelope, binary mode) as event-schemas reads them. */
  private static Map<String, byte[]> headers(ConsumerRecord<String, byte[]> record) {
    Map<String, byte[]> headers = new HashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), header.value());
    }
    return headers;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
