package io.berth.messaging;

import io.berth.events.Topic;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a message a consumer gave up on to {@code berth.deadletter}: the original key, value and
 * headers, plus why, from where, and by whom.
 */
public final class DeadLetters implements AutoCloseable {

  public static final String REASON = "berth_dlq_reason";
  public static final String ERROR = "berth_dlq_error";
  public static final String TOPIC = "berth_dlq_topic";
  public static final String PARTITION = "berth_dlq_partition";
  public static final String OFFSET = "berth_dlq_offset";
  public static final String CONSUMER = "berth_dlq_consumer";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final KafkaProducer<String, byte[]> producer;

  public DeadLetters(KafkaClients clients) {
    this.producer = clients.producer("deadletters");
  }

  /**
   * Parks a record on the dead-letter topic and waits for the broker to take it, so that the
   * consumer commits its offset only once the record is safe.
   */
  public void send(
      ConsumerRecord<String, byte[]> record, String consumer, String reason, String error) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add(REASON, bytes(reason));
    headers.add(ERROR, bytes(error == null ? "" : error));
    headers.add(TOPIC, bytes(record.topic()));
    headers.add(PARTITION, bytes(Integer.toString(record.partition())));
    headers.add(OFFSET, bytes(Long.toString(record.offset())));
    headers.add(CONSUMER, bytes(consumer));
    ProducerRecord<String, byte[]> letter =
        new ProducerRecord<>(
            Topic.DEAD_LETTER.topicName(), null, record.key(), record.value(), headers);
    try {
      producer.send(letter).get(30, TimeUnit.SECONDS);
      LOG.warn(
          "{} sent {}-{}@{} to the dead-letter topic: {} ({})",
          consumer,
          record.topic(),
          record.partition(),
          record.offset(),
          reason,
          error);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MessagingException("interrupted while dead-lettering a record", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new MessagingException("cannot write to the dead-letter topic", e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
