package io.berth.messaging.inbox;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A message id a consumer has already handled.
 *
 * @param id {@code consumer/messageId}
 * @param handledAt when it was handled
 */
@MappedEntity("inbox")
public record InboxEntry(@Id String id, Instant handledAt) {}
