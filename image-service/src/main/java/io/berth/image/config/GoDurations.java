package io.berth.image.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written as Go's {@code time.ParseDuration} reads them: {@code 30s}, {@code
 * 1m30s}, {@code 1.5h}, {@code 500ms}, {@code 10us}.
 *
 * @see <a href="https://pkg.go.dev/time#ParseDuration">time.ParseDuration</a>
 */
final class GoDurations {

  private static final Pattern PART =
      Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "μs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDurations() {}

  static Duration parse(String text) {
    String rest = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    if (rest.equals("0")) {
      return Duration.ZERO;
    }
    Matcher part = PART.matcher(rest);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < rest.length() && part.find(at) && part.start() == at) {
      nanos =
          nanos.add(
              new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS.get(part.group(2)))));
      at = part.end();
    }
    if (rest.isEmpty() || at != rest.length()) {
      throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
    long value = nanos.longValue();
    return Duration.ofNanos(text.startsWith("-") ? -value : value);
  }
}
