package io.berth.image.build.dockerfile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** Go's {@code time.ParseDuration}: {@code 1h30m}, {@code 1.5s}, {@code 300ms}, {@code -2us}. */
final class GoDuration {

  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L,
          "\u03bcs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  /**
   * @return the duration in nanoseconds
   * @throws IllegalArgumentException worded as Go's errors
   */
  static long parse(String text) {
    String quoted = GoText.quote(text);
    String rest = text;
    boolean negative = false;
    if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
      negative = rest.charAt(0) == '-';
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return 0;
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("time: invalid duration " + quoted);
    }
    BigDecimal total = BigDecimal.ZERO;
    while (!rest.isEmpty()) {
      int i = 0;
      while (i < rest.length() && (Character.isDigit(rest.charAt(i)) || rest.charAt(i) == '.')) {
        i++;
      }
      String number = rest.substring(0, i);
      if (number.isEmpty()
          || number.equals(".")
          || number.indexOf('.') != number.lastIndexOf('.')) {
        throw new IllegalArgumentException("time: invalid duration " + quoted);
      }
      rest = rest.substring(i);
      int j = 0;
      while (j < rest.length() && rest.charAt(j) != '.' && !Character.isDigit(rest.charAt(j))) {
        j++;
      }
      String unit = rest.substring(0, j);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException("time: missing unit in duration " + quoted);
      }
      Long scale = UNITS.get(unit);
      if (scale == null) {
        throw new IllegalArgumentException(
            "time: unknown unit " + GoText.quote(unit) + " in duration " + quoted);
      }
      rest = rest.substring(j);
      String digits = number.endsWith(".") ? number + "0" : number;
      digits = digits.startsWith(".") ? "0" + digits : digits;
      total = total.add(new BigDecimal(digits).multiply(BigDecimal.valueOf(scale)));
    }
    BigInteger nanos = total.toBigInteger();
    if (nanos.bitLength() > 63) {
      throw new IllegalArgumentException("time: invalid duration " + quoted);
    }
    return negative ? -nanos.longValue() : nanos.longValue();
  }
}
