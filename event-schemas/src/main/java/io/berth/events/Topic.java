package io.berth.events;

import java.util.Map;

/**
 * The topic catalogue: one topic per noun and direction, keyed by the subject's id so that the
 * history of one container (image, layer) is totally ordered within its partition.
 */
public enum Topic {
  CONTAINER_COMMANDS("berth.container.commands", 12, "container id", Retention.COMMANDS),
  CONTAINER_EVENTS("berth.container.events", 12, "container id", Retention.FOREVER),
  IMAGE_COMMANDS(
      "berth.image.commands", 6, "image id, or the reference asked for", Retention.COMMANDS),
  IMAGE_EVENTS("berth.image.events", 6, "image id, or the reference asked for", Retention.FOREVER),
  LAYER_COMMANDS("berth.layer.commands", 6, "blob digest or snapshot key", Retention.COMMANDS),
  LAYER_EVENTS("berth.layer.events", 6, "blob digest or snapshot key", Retention.FOREVER),
  CONTAINER_QUERIES("berth.container.queries", 3, "correlation id", Retention.QUERIES),
  IMAGE_QUERIES("berth.image.queries", 3, "correlation id", Retention.QUERIES),
  LAYER_QUERIES("berth.layer.queries", 3, "correlation id", Retention.QUERIES),
  QUERY_REPLIES("berth.query.replies", 3, "correlation id", Retention.QUERIES),
  DEAD_LETTER("berth.deadletter", 1, "the original key", Retention.FOREVER),
  AUDIT("berth.audit.events", 3, "the gateway's request id", Retention.FOREVER),
  VOLUME_COMMANDS("berth.volume.commands", 6, "volume name", Retention.COMMANDS),
  VOLUME_EVENTS("berth.volume.events", 6, "volume name", Retention.FOREVER);

  private final String topicName;
  private final int partitions;
  private final String key;
  private final Retention retention;

  Topic(String topicName, int partitions, String key, Retention retention) {
    this.topicName = topicName;
    this.partitions = partitions;
    this.key = key;
    this.retention = retention;
  }

  /** The Kafka topic name. */
  public String topicName() {
    return topicName;
  }

  /** Number of partitions the topic is created with. */
  public int partitions() {
    return partitions;
  }

  /** What the record key holds. */
  public String key() {
    return key;
  }

  /** Topic-level configuration the topic is created with. */
  public Map<String, String> configs() {
    return retention.configs;
  }

  /** Looks a topic up by its Kafka name. */
  public static Topic ofName(String name) {
    for (Topic topic : values()) {
      if (topic.topicName.equals(name)) {
        return topic;
      }
    }
    throw new IllegalArgumentException("not a Berth topic: " + name);
  }

  private enum Retention {
    /** Events are the audit history: kept until an operator decides otherwise. */
    FOREVER(Map.of("retention.ms", "-1", "min.insync.replicas", "1")),
    /** Commands are kept a week: long enough to replay an outage, short enough to stay small. */
    COMMANDS(Map.of("retention.ms", String.valueOf(7L * 24 * 3600 * 1000))),
    /** Query traffic only matters while someone waits for it. */
    QUERIES(Map.of("retention.ms", String.valueOf(3600L * 1000)));

    private final Map<String, String> configs;

    Retention(Map<String, String> configs) {
      this.configs = configs;
    }
  }
}
