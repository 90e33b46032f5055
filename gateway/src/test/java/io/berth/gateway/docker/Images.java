package io.berth.gateway.docker;

import io.berth.events.query.ImageSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Image summaries for the filter tests: ids from a letter, times from a day of June 2024. */
final class Images {

  private Images() {}

  static String id(char letter) {
    return "sha256:" + String.valueOf(letter).repeat(64);
  }

  static Instant day(int day) {
    return Instant.parse(String.format("2024-06-%02dT12:00:00Z", day));
  }

  static ImageSummary image(char letter, int day, String... tags) {
    return new ImageSummary(id(letter), List.of(tags), null, day(day), 1000, 0, Map.of(), 0);
  }

  static ImageSummary child(char letter, char parent, int day, String... tags) {
    return new ImageSummary(
        id(letter), List.of(tags), id(parent), day(day), 2000, 1000, Map.of(), 0);
  }

  static ImageSummary labelled(char letter, int day, Map<String, String> labels, String... tags) {
    return new ImageSummary(id(letter), List.of(tags), null, day(day), 1000, 0, labels, 0);
  }
}
