package io.berth.gateway.events;

import io.berth.messaging.KafkaClients;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Makes the consumers event streams read with: no group and nothing committed (each stream keeps
 * its own position), and small fetches, so that a stream holds little in memory however far behind
 * its reader is.
 */
final class EventConsumers {

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private EventConsumers() {}

  static KafkaConsumer<String, byte[]> open(KafkaClients clients, String purpose) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, clients.bootstrapServers());
    props.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        clients.clientId() + "-" + purpose + "-" + SEQUENCE.incrementAndGet());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Event topics are kept forever; should an operator shorten that, an old position reads on
    // from the oldest record left.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 * 1024);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 2 * 1024 * 1024);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new KafkaConsumer<>(props);
  }
}
