package io.berth.gateway.docker;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time values Docker's filters take ({@code until=24h}, {@code until=2024-01-02T10:00:00Z},
 * {@code until=1704189600}), read as moby's {@code daemon/internal/timestamp.Parse} reads them: a
 * Go duration counts back from now; an RFC 3339 date or date-time without a zone is in the daemon's
 * zone; a plain number is Unix seconds with optional fraction.
 */
public final class Timestamps {

  private static final Pattern GO_DURATION =
      Pattern.compile("([-+]?)((?:(?:\\d+\\.?\\d*|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+)");
  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})"
              + "(?:T(\\d{2})(?::(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?)?"
              + "([zZ]|[+-]\\d{2}:\\d{2})?");
  private static final Pattern UNIX = Pattern.compile("(\\d+)(?:\\.(\\d{0,20}))?");

  private Timestamps() {}

  /**
   * Reads a time or a duration before {@code now}.
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  public static Instant parse(String value, Instant now, ZoneId zone) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "failed to parse value as time or duration: value is empty");
    }
    if (!value.equals("0")) {
      Duration duration = goDuration(value);
      if (duration != null) {
        return now.minus(duration);
      }
    }
    Matcher dateTime = DATE_TIME.matcher(value);
    if (dateTime.matches()) {
      return dateTime(dateTime, zone, value);
    }
    if (value.contains("-")) {
      throw new IllegalArgumentException("parsing time \"" + value + "\": not RFC 3339");
    }
    Matcher unix = UNIX.matcher(value);
    if (!unix.matches()) {
      throw new IllegalArgumentException(
          "failed to parse value as time or duration: invalid seconds \"" + value + "\"");
    }
    long seconds = Long.parseLong(unix.group(1));
    String fraction = unix.group(2) == null ? "" : unix.group(2);
    long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** Reads a Go duration ({@code 1h30m}, {@code 10s}, {@code 1.5h}); null when it is not one. */
  static Duration goDuration(String value) {
    Matcher whole = GO_DURATION.matcher(value);
    if (!whole.matches()) {
      return null;
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = DURATION_PART.matcher(whole.group(2));
    while (part.find()) {
      BigDecimal amount =
          new BigDecimal(part.group(1).endsWith(".") ? part.group(1) + "0" : part.group(1));
      nanos = nanos.add(amount.multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
    }
    Duration duration = Duration.ofNanos(nanos.longValue());
    return whole.group(1).equals("-") ? duration.negated() : duration;
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }

  private static Instant dateTime(Matcher m, ZoneId zone, String value) {
    try {
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              number(m.group(4)),
              number(m.group(5)),
              number(m.group(6)),
              m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9)));
      String offset = m.group(8);
      if (offset == null) {
        return local.atZone(zone).toInstant();
      }
      return local.toInstant(offset.equalsIgnoreCase("z") ? ZoneOffset.UTC : ZoneOffset.of(offset));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("parsing time \"" + value + "\": " + e.getMessage());
    }
  }

  private static int number(String digits) {
    return digits == null ? 0 : Integer.parseInt(digits);
  }
}
