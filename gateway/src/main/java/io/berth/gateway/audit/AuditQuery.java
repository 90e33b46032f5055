package io.berth.gateway.audit;

import java.time.Instant;

/**
 * What to select from the audit history; every criterion is optional (null).
 *
 * @param container a container id, id prefix or name
 * @param image an image id, id prefix or reference
 * @param principal who asked
 * @param action a Docker action ({@code container.create}) or a message type
 * @param correlation a conversation: every message with this correlation id
 * @param since the earliest time, inclusive
 * @param until the latest time, inclusive
 * @param limit the page size
 * @param page the page number, from 0
 */
record AuditQuery(
    String container,
    String image,
    String principal,
    String action,
    String correlation,
    Instant since,
    Instant until,
    int limit,
    int page) {

  static final int MAX_LIMIT = 10_000;

  AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    if (page < 0) {
      throw new IllegalArgumentException("page must not be negative");
    }
  }

  /** A container's whole timeline (up to the largest page). */
  static AuditQuery historyOf(String container) {
    return new AuditQuery(container, null, null, null, null, null, null, MAX_LIMIT, 0);
  }
}
