package io.berth.messaging.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/**
 * A message written in the same transaction as the state change it announces, waiting for the relay
 * to publish it.
 *
 * @param seq insertion order; the relay publishes in this order
 * @param messageId the envelope id
 * @param topic the target topic
 * @param recordKey the record key
 * @param headers the envelope headers as a JSON object of strings
 * @param payload the JSON value
 * @param createdAt when the row was written
 */
@MappedEntity("outbox")
public record OutboxRow(
    @Id @GeneratedValue @Nullable Long seq,
    String messageId,
    String topic,
    @Nullable String recordKey,
    String headers,
    @MappedProperty("payload") byte[] payload,
    Instant createdAt) {}
