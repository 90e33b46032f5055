package io.berth.gateway.events;

import io.berth.events.Topic;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A position in the merged event log: for every partition of the event topics, the offset of the
 * first record not yet delivered. Because a stream merges partitions by event time, one offset
 * cannot say where a reader stands; the offsets of all partitions together can, and resuming from
 * them delivers exactly the records not delivered before, with neither duplicates nor gaps.
 *
 * <p>Text form (the SSE event id): URL-safe base64 without padding of {@code version(1)}, then the
 * number of entries, then per entry the topic's index in {@link #TOPICS}, the partition and the
 * offset, each an unsigned LEB128 varint. A partition a cursor does not name is read from its
 * beginning (it did not exist when the cursor was made).
 *
 * @param next the next offset to deliver, per partition
 */
public record Cursor(Map<TopicPartition, Long> next) {

  /** The event topics a cursor can name, by index; the order is part of the text form. */
  public static final List<String> TOPICS =
      List.of(
          Topic.CONTAINER_EVENTS.topicName(),
          Topic.IMAGE_EVENTS.topicName(),
          Topic.LAYER_EVENTS.topicName());

  private static final int VERSION = 1;

  public Cursor {
    next.forEach(
        (partition, offset) -> {
          if (!TOPICS.contains(partition.topic())) {
            throw new IllegalArgumentException("not an event topic: " + partition.topic());
          }
          if (offset < 0) {
            throw new IllegalArgumentException("negative offset for " + partition + ": " + offset);
          }
        });
    next = Collections.unmodifiableMap(sorted(next));
  }

  /** The next offset of a partition, or 0 (its beginning) when the cursor does not name it. */
  public long nextOffset(TopicPartition partition) {
    return next.getOrDefault(partition, 0L);
  }

  /** The text form. */
  public String encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(VERSION);
    writeVarint(out, next.size());
    next.forEach(
        (partition, offset) -> {
          writeVarint(out, TOPICS.indexOf(partition.topic()));
          writeVarint(out, partition.partition());
          writeVarint(out, offset);
        });
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
  }

  /**
   * Reads the text form back.
   *
   * @throws IllegalArgumentException naming what is wrong when the text is not a cursor
   */
  public static Cursor decode(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an event id must not be empty");
    }
    ByteBuffer in;
    try {
      in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(text.trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an event id of this API: " + text);
    }
    try {
      int version = in.get();
      if (version != VERSION) {
        throw new IllegalArgumentException("event id version " + version + " is not known");
      }
      long count = readVarint(in);
      Map<TopicPartition, Long> next = new LinkedHashMap<>();
      for (long i = 0; i < count; i++) {
        long topic = readVarint(in);
        if (topic >= TOPICS.size()) {
          throw new IllegalArgumentException("event id names an unknown topic " + topic);
        }
        long partition = readVarint(in);
        if (partition > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("event id names partition " + partition);
        }
        next.put(new TopicPartition(TOPICS.get((int) topic), (int) partition), readVarint(in));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("event id has trailing bytes");
      }
      return new Cursor(next);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("event id is truncated: " + text);
    }
  }

  private static Map<TopicPartition, Long> sorted(Map<TopicPartition, Long> next) {
    Map<TopicPartition, Long> sorted = new LinkedHashMap<>();
    next.entrySet().stream()
        .sorted(
            Map.Entry.comparingByKey(
                Comparator.<TopicPartition>comparingInt(p -> TOPICS.indexOf(p.topic()))
                    .thenComparingInt(TopicPartition::partition)))
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
  }

  private static long readVarint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (value < 0) {
          throw new IllegalArgumentException("event id holds a number out of range");
        }
        return value;
      }
    }
    throw new IllegalArgumentException("event id holds a malformed number");
  }
}
