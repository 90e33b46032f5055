package io.berth.layer.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an HTTP {@code Range} header, resolved against a length.
 *
 * @param first the first byte
 * @param last the last byte, inclusive
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#name-byte-ranges">RFC 9110 byte ranges</a>
 */
record ByteRange(long first, long last) {

  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /**
   * Parses a single-range header; empty when there is no usable range (serve the whole blob).
   *
   * @throws IllegalArgumentException when the range cannot be satisfied (416)
   */
  static Optional<ByteRange> parse(String header, long length) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = SINGLE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    long first;
    long last;
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      first = Math.max(0, length - suffix);
      last = length - 1;
    } else {
      first = Long.parseLong(m.group(1));
      last = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
    }
    if (first >= length || first > last) {
      throw new IllegalArgumentException("range " + header + " is outside 0-" + (length - 1));
    }
    return Optional.of(new ByteRange(first, last));
  }

  long length() {
    return last - first + 1;
  }
}
