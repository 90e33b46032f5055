package io.berth.image.config.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON byte for byte as Go's {@code encoding/json} marshals it: compact, keys in the order
 * they are written, map keys sorted by their UTF-8 bytes, and {@code <}, {@code >}, {@code &},
 * U+2028 and U+2029 escaped as {@code \\u003c} and friends.
 *
 * <p>Image ids are sha256 digests of config bytes, so a config Berth writes has the id Docker would
 * give the same image only when the bytes are the same.
 *
 * @see <a href="https://pkg.go.dev/encoding/json#Marshal">encoding/json Marshal</a>
 */
public final class GoJsonWriter {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder();
  // For each open object or array: whether it has a member yet.
  private final Deque<boolean[]> scopes = new ArrayDeque<>();
  private boolean afterName;

  /** Opens an object, as a value or at the top. */
  public GoJsonWriter beginObject() {
    beforeValue();
    out.append('{');
    scopes.push(new boolean[1]);
    return this;
  }

  /** Closes the innermost object. */
  public GoJsonWriter endObject() {
    scopes.pop();
    out.append('}');
    return this;
  }

  /** Opens an array. */
  public GoJsonWriter beginArray() {
    beforeValue();
    out.append('[');
    scopes.push(new boolean[1]);
    return this;
  }

  /** Closes the innermost array. */
  public GoJsonWriter endArray() {
    scopes.pop();
    out.append(']');
    return this;
  }

  /** Writes the key of the next object member. */
  public GoJsonWriter name(String name) {
    separate();
    quote(name);
    out.append(':');
    afterName = true;
    return this;
  }

  /** Writes a string, or {@code null} for null. */
  public GoJsonWriter value(String text) {
    beforeValue();
    if (text == null) {
      out.append("null");
    } else {
      quote(text);
    }
    return this;
  }

  /** Writes a number. */
  public GoJsonWriter value(long number) {
    beforeValue();
    out.append(number);
    return this;
  }

  /** Writes a boolean. */
  public GoJsonWriter value(boolean flag) {
    beforeValue();
    out.append(flag);
    return this;
  }

  /** Writes {@code null}. */
  public GoJsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /** Writes a time as Go's {@code time.Time} marshals one: RFC 3339 with trailing zeros cut. */
  public GoJsonWriter value(Instant time) {
    return time == null ? nullValue() : value(rfc3339Nano(time));
  }

  /** Writes a string array, or {@code null} for a null (Go nil) list. */
  public GoJsonWriter strings(List<String> items) {
    if (items == null) {
      return nullValue();
    }
    beginArray();
    items.forEach(this::value);
    return endArray();
  }

  /** Writes a Go {@code map[string]struct{}}: each item as a key of an empty object. */
  public GoJsonWriter set(Collection<String> items) {
    if (items == null) {
      return nullValue();
    }
    beginObject();
    for (String item : sortedKeys(items)) {
      name(item).beginObject().endObject();
    }
    return endObject();
  }

  /** Writes a Go {@code map[string]string}, keys sorted. */
  public GoJsonWriter map(Map<String, String> entries) {
    if (entries == null) {
      return nullValue();
    }
    beginObject();
    for (String key : sortedKeys(entries.keySet())) {
      name(key).value(entries.get(key));
    }
    return endObject();
  }

  /** The JSON written so far, as UTF-8. */
  public byte[] toBytes() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Go's {@code time.RFC3339Nano} in UTC: {@code 2024-01-02T03:04:05.12345Z}. */
  public static String rfc3339Nano(Instant time) {
    StringBuilder text = new StringBuilder(DATE_TIME.format(time));
    int nanos = time.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      text.append('.').append(fraction, 0, end);
    }
    return text.append('Z').toString();
  }

  /** Keys in Go's order: by their UTF-8 bytes, which is the order of their code points. */
  static List<String> sortedKeys(Collection<String> keys) {
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(GoJsonWriter::compareCodePoints);
    return sorted;
  }

  private static int compareCodePoints(String a, String b) {
    return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    separate();
  }

  private void separate() {
    boolean[] scope = scopes.peek();
    if (scope == null) {
      return;
    }
    if (scope[0]) {
      out.append(',');
    }
    scope[0] = true;
  }

  private void quote(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(c);
          } else if (Character.isSurrogate(c)) {
            i = surrogate(text, i);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private int surrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1))) {
      out.append(c).append(text.charAt(i + 1));
      return i + 1;
    }
    // Go writes invalid UTF-8 as the replacement character.
    out.append("\\ufffd");
    return i;
  }

  private void unicodeEscape(char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
