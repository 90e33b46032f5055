package io.berth.gateway.events;

import io.berth.events.DecodingException;
import io.berth.events.Enveloped;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.messaging.Headers;
import io.berth.messaging.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every partition of some event topics read as one stream, at the pace of its reader: records are
 * fetched only when {@link #next} is asked for one, and at most {@link #QUEUE_LIMIT} wait per
 * partition (a partition with that many is paused). Each partition's order is kept (so one
 * container's events stay in order); across partitions the stream merges by event time: while the
 * records that were already in the topics when it opened are read, a record is delivered only once
 * every partition that still has older records has shown its next one. After that it follows the
 * topics live, delivering records as they arrive.
 *
 * <p>Not thread-safe: one thread reads it, as it owns a {@link Consumer}.
 */
final class MergedLog implements EventLog {

  /** Records held per partition before it is paused. */
  static final int QUEUE_LIMIT = 64;

  /**
   * Slack between an event's time and its record's timestamp (set when the outbox relay published
   * it, a moment later) when seeking by time: seeking this much earlier never misses an event.
   */
  static final Duration SEEK_SLACK = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(MergedLog.class);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<String, byte[]> consumer;
  private final Map<TopicPartition, Lane> lanes = new LinkedHashMap<>();

  /** Where a stream starts. */
  sealed interface Start {
    /** At the end of each partition: only events published from now on. */
    record AtEnd() implements Start {}

    /** At the first record of each partition whose time may be at or after {@code time}. */
    record AtTime(Instant time) implements Start {}

    /** Exactly after what a cursor says was delivered. */
    record AtCursor(Cursor cursor) implements Start {}

    /**
     * At these offsets (the next record to deliver per partition); a partition not named is read
     * from its beginning.
     */
    record AtOffsets(Map<TopicPartition, Long> next) implements Start {}
  }

  private MergedLog(Consumer<String, byte[]> consumer) {
    this.consumer = consumer;
  }

  /**
   * Opens a stream over every partition of {@code topics}; it owns and closes the consumer.
   *
   * @throws org.apache.kafka.common.KafkaException if Kafka cannot be reached
   */
  static MergedLog open(Consumer<String, byte[]> consumer, Collection<String> topics, Start start) {
    MergedLog log = new MergedLog(consumer);
    try {
      log.position(topics, start);
      return log;
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  private void position(Collection<String> topics, Start start) {
    List<TopicPartition> partitions = KafkaClients.partitions(consumer, topics, METADATA_TIMEOUT);
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
    Map<TopicPartition, Long> starts;
    if (start instanceof Start.AtTime atTime) {
      starts = offsetsAt(partitions, atTime.time().minus(SEEK_SLACK), ends);
    } else if (start instanceof Start.AtCursor atCursor) {
      starts = offsetsFrom(partitions, atCursor.cursor().next(), ends);
    } else if (start instanceof Start.AtOffsets atOffsets) {
      starts = offsetsFrom(partitions, atOffsets.next(), ends);
    } else {
      starts = ends;
    }
    for (TopicPartition partition : partitions) {
      long offset = starts.get(partition);
      consumer.seek(partition, offset);
      lanes.put(partition, new Lane(offset, ends.get(partition)));
    }
  }

  private Map<TopicPartition, Long> offsetsAt(
      List<TopicPartition> partitions, Instant time, Map<TopicPartition, Long> ends) {
    long millis = Math.max(0, time.toEpochMilli());
    Map<TopicPartition, Long> query = new LinkedHashMap<>();
    partitions.forEach(partition -> query.put(partition, millis));
    Map<TopicPartition, OffsetAndTimestamp> found =
        consumer.offsetsForTimes(query, METADATA_TIMEOUT);
    Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp hit = found.get(partition);
      offsets.put(partition, hit == null ? ends.get(partition) : hit.offset());
    }
    return offsets;
  }

  private static Map<TopicPartition, Long> offsetsFrom(
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> next,
      Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    for (TopicPartition partition : partitions) {
      // An offset past the end would wait for records that were never delivered: clamp it.
      offsets.put(partition, Math.min(next.getOrDefault(partition, 0L), ends.get(partition)));
    }
    return offsets;
  }

  /**
   * From now on, reads no further than the records published up to {@code until} (plus {@link
   * #SEEK_SLACK}) that are in the topics now; {@link #finished()} tells when they are all
   * delivered. Records after that are never delivered.
   */
  @Override
  public void stopAt(Instant until) {
    List<TopicPartition> partitions = new ArrayList<>(lanes.keySet());
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
    Map<TopicPartition, Long> stops = offsetsAt(partitions, until.plus(SEEK_SLACK), ends);
    lanes.forEach((partition, lane) -> lane.stopAt(stops.get(partition)));
    pauseOrResume();
  }

  /** Whether a stop was set and every record before it has been delivered. */
  @Override
  public boolean finished() {
    for (Map.Entry<TopicPartition, Lane> entry : lanes.entrySet()) {
      if (!entry.getValue().done(consumer.position(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The next record in merged order, waiting up to {@code maxWait} for one.
   *
   * @return empty when none came within {@code maxWait}, or when {@link #finished()}
   */
  @Override
  public Optional<LogEntry> next(Duration maxWait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      LogEntry entry = pick();
      if (entry != null) {
        return Optional.of(entry);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || finished()) {
        return Optional.empty();
      }
      fetch(Duration.ofNanos(left));
    }
  }

  /** Where this stream stands: what {@link #next} delivered so far, per partition. */
  @Override
  public Cursor cursor() {
    Map<TopicPartition, Long> next = new LinkedHashMap<>();
    lanes.forEach((partition, lane) -> next.put(partition, lane.delivered));
    return new Cursor(next);
  }

  private LogEntry pick() {
    Lane best = null;
    for (Map.Entry<TopicPartition, Lane> entry : lanes.entrySet()) {
      Lane lane = entry.getValue();
      if (lane.queue.isEmpty()) {
        if (lane.mustWait(consumer.position(entry.getKey()))) {
          return null; // an older record may still come from this partition
        }
      } else if (best == null || lane.queue.peek().time().isBefore(best.queue.peek().time())) {
        best = lane;
      }
    }
    if (best == null) {
      return null;
    }
    LogEntry entry = best.queue.poll();
    best.delivered = entry.offset() + 1;
    return entry;
  }

  private void fetch(Duration wait) {
    pauseOrResume();
    ConsumerRecords<String, byte[]> records = consumer.poll(wait);
    for (ConsumerRecord<String, byte[]> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      lanes.get(partition).offer(toEntry(partition, record));
    }
    pauseOrResume();
  }

  private void pauseOrResume() {
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    lanes.forEach(
        (partition, lane) -> {
          boolean full = lane.queue.size() >= QUEUE_LIMIT;
          boolean stopped = lane.stop >= 0 && consumer.position(partition) >= lane.stop;
          (full || stopped ? pause : resume).add(partition);
        });
    consumer.pause(pause);
    consumer.resume(resume);
  }

  /** A record as streams see it: decoded once, undecodable ones kept (they move cursors). */
  static LogEntry toEntry(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
    Enveloped<Message> message = null;
    Instant time = Instant.ofEpochMilli(record.timestamp());
    try {
      message = EventCodec.decode(Headers.toMap(record.headers()), record.value());
      time = message.envelope().time();
    } catch (DecodingException e) {
      LOG.debug("streams skip the undecodable record {}@{}", partition, record.offset(), e);
    }
    return new LogEntry(partition, record.offset(), time, message, record.value());
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(1));
  }

  /** One partition's state: records fetched but not delivered, and how far it was delivered. */
  private static final class Lane {
    private final ArrayDeque<LogEntry> queue = new ArrayDeque<>();

    /** The end of the partition when the stream opened: records before it are merged by time. */
    private final long horizon;

    private long delivered;
    private long stop = -1;

    Lane(long start, long horizon) {
      this.delivered = start;
      this.horizon = horizon;
    }

    void offer(LogEntry entry) {
      if (stop < 0 || entry.offset() < stop) {
        queue.add(entry);
      }
    }

    void stopAt(long offset) {
      stop = offset;
      queue.removeIf(entry -> entry.offset() >= offset);
    }

    /** Whether the partition may still hold a record older than the others' heads. */
    boolean mustWait(long position) {
      long limit = stop < 0 ? horizon : Math.min(horizon, stop);
      return position < limit;
    }

    boolean done(long position) {
      return stop >= 0 && queue.isEmpty() && position >= stop;
    }
  }
}
