package io.berth.gateway.events;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the earlier events of one container said about it, for the events that do not say it again
 * (Docker's {@code die} names the container's image and labels). Names and start times change, so
 * they are kept by the offset in the container's partition they took effect at: an old event is
 * described as things were when it happened.
 */
final class ContainerFacts {

  private final String image;
  private final String imageId;
  private final Map<String, String> labels;
  private final TreeMap<Long, String> names = new TreeMap<>();
  private final TreeMap<Long, Instant> starts = new TreeMap<>();

  ContainerFacts(String image, String imageId, Map<String, String> labels) {
    this.image = image;
    this.imageId = imageId;
    this.labels = Map.copyOf(labels);
  }

  /** The image reference the container was created from, as asked. */
  String image() {
    return image;
  }

  /** The id of the image it was created from. */
  String imageId() {
    return imageId;
  }

  /** Its labels (the image's merged with the request's). */
  Map<String, String> labels() {
    return labels;
  }

  synchronized void named(long offset, String name) {
    names.put(offset, name);
  }

  synchronized void started(long offset, Instant at) {
    starts.put(offset, at);
  }

  /** The name it had at {@code offset}, an event's own change included. */
  synchronized Optional<String> nameAt(long offset) {
    Map.Entry<Long, String> entry = names.floorEntry(offset);
    return Optional.ofNullable(entry == null ? null : entry.getValue());
  }

  /** When it last started at or before {@code offset}. */
  synchronized Optional<Instant> startedAt(long offset) {
    Map.Entry<Long, Instant> entry = starts.floorEntry(offset);
    return Optional.ofNullable(entry == null ? null : entry.getValue());
  }
}
