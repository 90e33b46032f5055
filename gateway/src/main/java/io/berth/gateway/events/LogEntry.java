package io.berth.gateway.events;

import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;

/**
 * One record of an event topic as a stream reads it.
 *
 * @param partition where it is
 * @param offset its offset there
 * @param time the event's time (the envelope's), or the record's timestamp if it does not decode
 * @param message the decoded event, or null when the record is not a Berth event this gateway knows
 *     (it is skipped, but still moves the cursor)
 * @param value the record's value as the topic carries it
 */
record LogEntry(
    TopicPartition partition,
    long offset,
    Instant time,
    @Nullable Enveloped<Message> message,
    byte[] value) {}
