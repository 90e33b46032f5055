package io.berth.messaging;

import io.berth.launcher.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** One real KRaft broker shared by the messaging tests of a JVM, and helpers to read topics. */
public final class TestSupport {

  private static EmbeddedKafkaBroker broker;

  private TestSupport() {}

  public static synchronized String bootstrapServers() {
    if (broker == null) {
      try {
        broker = EmbeddedKafkaBroker.startOnFreePorts(Files.createTempDirectory("berth-kafka-"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    }
    return broker.bootstrapServers();
  }

  public static KafkaClients clients(String clientId) {
    return new KafkaClients(bootstrapServers(), clientId);
  }

  /** Every record on a topic of the shared broker, read until nothing new comes for a while. */
  public static List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration quiet) {
    return readAll(bootstrapServers(), topic, quiet);
  }

  /** Every record on a topic from its beginning, read until nothing new comes for a while. */
  public static List<ConsumerRecord<String, byte[]>> readAll(
      String bootstrapServers, String topic, Duration quiet) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaClients(bootstrapServers, "reader").standaloneConsumer("reader")) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + quiet.toNanos();
      while (System.nanoTime() < deadline) {
        var batch = consumer.poll(Duration.ofMillis(100));
        if (!batch.isEmpty()) {
          batch.forEach(records::add);
          deadline = System.nanoTime() + quiet.toNanos();
        }
      }
    }
    return records;
  }

  /** Decodes a consumed record. */
  public static io.berth.events.Enveloped<io.berth.events.Message> decode(
      ConsumerRecord<String, byte[]> record) {
    return io.berth.events.EventCodec.decode(Headers.toMap(record.headers()), record.value());
  }

  /** A header of a consumed record as text, or null. */
  public static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null
        ? null
        : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A header of an encoded message as text, or null. */
  public static String header(io.berth.events.EncodedMessage message, String name) {
    byte[] value = message.headers().get(name);
    return value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
