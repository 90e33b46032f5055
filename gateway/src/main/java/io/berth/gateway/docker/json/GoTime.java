package io.berth.gateway.docker.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times written as Go's {@code time.RFC3339Nano} writes them, which Docker's JSON uses. */
public final class GoTime {

  /** Go's zero time, which Docker sends for a time never set. */
  public static final String ZERO = "0001-01-01T00:00:00Z";

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private GoTime() {}

  /**
   * {@code 2024-01-02T03:04:05.1Z}: trailing zeros of the fraction dropped, no fraction when it is
   * zero, {@code Z} for UTC, else the offset.
   */
  public static String rfc3339Nano(OffsetDateTime time) {
    StringBuilder text = new StringBuilder(SECONDS.format(time));
    int nanos = time.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
      text.append('.').append(fraction);
    }
    ZoneOffset offset = time.getOffset();
    text.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
    return text.toString();
  }

  /** An instant in UTC. */
  public static String rfc3339Nano(Instant instant) {
    return rfc3339Nano(instant.atOffset(ZoneOffset.UTC));
  }

  /** Parses an RFC 3339 time as image configs carry it; null when it is absent or malformed. */
  public static OffsetDateTime parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
