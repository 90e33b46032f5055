package io.berth.messaging.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.events.EncodedMessage;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import io.berth.messaging.MessagingException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes messages to the outbox table inside the caller's transaction, so that a state change and
 * the event announcing it commit or roll back together; wakes the relay after the commit.
 */
@Singleton
public class Outbox {

  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private final OutboxRepository repository;
  private final TransactionOperations<Connection> transactions;
  private final OutboxSignal signal;

  public Outbox(
      OutboxRepository repository,
      TransactionOperations<Connection> transactions,
      OutboxSignal signal) {
    this.repository = repository;
    this.transactions = transactions;
    this.signal = signal;
  }

  /**
   * Adds a message to the outbox.
   *
   * @throws IllegalStateException if no transaction is active: an outbox write outside a
   *     transaction would defeat its purpose
   */
  public void add(EncodedMessage message) {
    TransactionStatus<?> status =
        transactions
            .findTransactionStatus()
            .orElseThrow(
                () -> new IllegalStateException("outbox writes need an active transaction"));
    String id = new String(message.headers().get(Envelope.ID), StandardCharsets.UTF_8);
    repository.save(
        new OutboxRow(
            null,
            id,
            message.topic(),
            message.key(),
            headersToJson(message.headers()),
            message.value(),
            Instant.now()));
    status.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            signal.wake();
          }
        });
  }

  static String headersToJson(Map<String, byte[]> headers) {
    Map<String, String> text = new LinkedHashMap<>();
    headers.forEach((name, value) -> text.put(name, new String(value, StandardCharsets.UTF_8)));
    try {
      return EventCodec.mapper().writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new MessagingException("cannot encode headers", e);
    }
  }

  static EncodedMessage toMessage(OutboxRow row) {
    try {
      Map<String, String> text = EventCodec.mapper().readValue(row.headers(), HEADERS);
      Map<String, byte[]> headers = new LinkedHashMap<>();
      text.forEach((name, value) -> headers.put(name, value.getBytes(StandardCharsets.UTF_8)));
      return new EncodedMessage(row.topic(), row.recordKey(), headers, row.payload());
    } catch (JsonProcessingException e) {
      throw new MessagingException("corrupt outbox row " + row.seq(), e);
    }
  }
}
