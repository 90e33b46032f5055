import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where an event's delivery time goes on the Kafka side: a plain consumer of its own, reading the
 * given topics from their end, times every record against the event's own time (the {@code
 * ce_time} header, set inside the service's transaction): event time -> the record's timestamp
 * (when the outbox relay sent it: the relay's share), and event time -> this consumer's receipt (a
 * bare Kafka subscriber's latency, the floor for the gateway's streams). Run it beside a load, e.g.
 * bench/events-load.sh; see bench/event-path.sh.
 *
 * <p>Usage: EventPath bootstrap seconds topic[,topic...]
 */
public final class EventPath {

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    long seconds = Long.parseLong(args[1]);
    String[] topics = args[2].split(",");
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("key.deserializer", StringDeserializer.class);
    props.put("value.deserializer", ByteArrayDeserializer.class);
    props.put("fetch.min.bytes", 1);
    props.put("fetch.max.wait.ms", 100); // as the gateway's consumers
    List<Double> relay = new ArrayList<>();
    List<Double> received = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        for (PartitionInfo info : consumer.partitionsFor(topic)) {
          partitions.add(new TopicPartition(topic, info.partition()));
        }
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      System.err.println("[event-path] reading " + partitions.size() + " partitions for " + seconds + " s");
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      while (System.nanoTime() < end) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Instant now = Instant.now();
          Header time = record.headers().lastHeader("ce_time");
          if (time == null) {
            continue;
          }
          Instant at = Instant.parse(new String(time.value(), StandardCharsets.UTF_8));
          relay.add((double) (record.timestamp() - at.toEpochMilli()));
          received.add(Duration.between(at, now).toNanos() / 1e6);
        }
      }
    }
    report("event time -> relay send (record timestamp)", relay);
    report("event time -> a plain consumer's receipt", received);
  }

  private static void report(String name, List<Double> values) {
    if (values.isEmpty()) {
      System.out.println(name + ": no events");
      return;
    }
    Collections.sort(values);
    System.out.printf(
        "%s: n=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f ms%n",
        name,
        values.size(),
        values.get(values.size() / 2),
        values.get((int) (values.size() * 0.9)),
        values.get((int) (values.size() * 0.99)),
        values.get(values.size() - 1));
  }
}
