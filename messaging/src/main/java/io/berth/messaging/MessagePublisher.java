package io.berth.messaging;

import io.berth.events.EncodedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Publishes encoded messages with one idempotent producer. Thread-safe. */
public final class MessagePublisher implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;

  public MessagePublisher(KafkaClients clients, String purpose) {
    this.producer = clients.producer(purpose);
  }

  /** Sends a message; the future completes when the broker has acknowledged it. */
  public CompletableFuture<RecordMetadata> publish(EncodedMessage message) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      producer.send(
          toRecord(message),
          (metadata, error) -> {
            if (error != null) {
              acked.completeExceptionally(error);
            } else {
              acked.complete(metadata);
            }
          });
    } catch (RuntimeException e) {
      acked.completeExceptionally(e);
    }
    return acked;
  }

  /** The Kafka record for a message: envelope attributes as headers, JSON as the value. */
  static ProducerRecord<String, byte[]> toRecord(EncodedMessage message) {
    List<Header> headers = new ArrayList<>(message.headers().size());
    for (Map.Entry<String, byte[]> header : message.headers().entrySet()) {
      headers.add(new RecordHeader(header.getKey(), header.getValue()));
    }
    return new ProducerRecord<>(message.topic(), null, message.key(), message.value(), headers);
  }

  /** Sends everything buffered. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
