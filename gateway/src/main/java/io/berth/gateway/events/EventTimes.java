package io.berth.gateway.events;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The {@code since} and {@code until} parameters: Unix seconds with an optional fraction ({@code
 * 1700000000.123456789}), as the docker CLI sends them after turning RFC 3339 times and durations
 * into that form (moby's {@code timestamp.ParseTimestamps}); Berth's own API also takes an RFC 3339
 * time.
 */
final class EventTimes {

  private EventTimes() {}

  /**
   * Parses one parameter; absent or empty means none.
   *
   * @param name the parameter's name, for the error
   * @throws IllegalArgumentException {@code invalid <name> timestamp: ...} when malformed
   */
  @Nullable
  static Instant parse(String name, @Nullable String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      if (value.indexOf('T') > 0) {
        return Instant.parse(value);
      }
      int dot = value.indexOf('.');
      long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
      if (dot < 0) {
        return Instant.ofEpochSecond(seconds);
      }
      String fraction = value.substring(dot + 1);
      if (fraction.isEmpty()
          || fraction.length() > 9
          || !fraction.chars().allMatch(Character::isDigit)) {
        throw new NumberFormatException("bad fraction " + fraction);
      }
      long nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
      return Instant.ofEpochSecond(seconds, seconds < 0 ? -nanos : nanos);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("invalid " + name + " timestamp: " + value);
    }
  }

  /**
   * Checks that a window is not upside down.
   *
   * @throws IllegalArgumentException with moby's wording when {@code until} is before {@code since}
   */
  static void checkWindow(
      @Nullable Instant since, @Nullable Instant until, String sinceText, String untilText) {
    if (since != null && until != null && until.isBefore(since)) {
      throw new IllegalArgumentException(
          "`since` time (" + sinceText + ") cannot be after `until` time (" + untilText + ")");
    }
  }
}
