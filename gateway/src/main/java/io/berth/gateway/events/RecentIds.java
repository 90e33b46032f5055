package io.berth.gateway.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last events a stream delivered. Kafka is at least once: a service that stops
 * between publishing its outbox and marking it published publishes those events again, with the
 * same ids; a stream delivers each id once.
 */
final class RecentIds {

  private final Map<String, Boolean> seen;

  RecentIds(int capacity) {
    this.seen =
        new LinkedHashMap<>(capacity * 2, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Whether the entry is seen for the first time (an entry that does not decode always is). */
  boolean firstTime(LogEntry entry) {
    return entry.message() == null || seen.put(entry.message().envelope().id(), true) == null;
  }
}
