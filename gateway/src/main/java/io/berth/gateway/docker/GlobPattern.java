package io.berth.gateway.docker;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A shell pattern as Go's {@code path.Match} reads it, which the {@code reference} filter of {@code
 * docker images} uses: {@code *} is any run of characters but {@code /}, {@code ?} one such
 * character, {@code [a-z]} and {@code [^a-z]} a class, {@code \} escapes.
 *
 * @see <a href="https://pkg.go.dev/path#Match">path.Match</a>
 */
public final class GlobPattern {

  private final Pattern regex;

  private GlobPattern(Pattern regex) {
    this.regex = regex;
  }

  /**
   * Compiles a pattern.
   *
   * @throws IllegalArgumentException {@code syntax error in pattern} as Go words it
   */
  public static GlobPattern compile(String pattern) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '*' -> regex.append("[^/]*");
        case '?' -> regex.append("[^/]");
        case '[' -> i = appendClass(pattern, i, regex);
        case '\\' -> {
          if (i >= pattern.length()) {
            throw badPattern();
          }
          int escaped = pattern.codePointAt(i);
          i += Character.charCount(escaped);
          regex.append(literal(escaped));
        }
        default -> regex.append(literal(c));
      }
    }
    try {
      return new GlobPattern(Pattern.compile(regex.toString(), Pattern.DOTALL));
    } catch (PatternSyntaxException e) {
      throw badPattern();
    }
  }

  /** Whether the whole of {@code name} matches. */
  public boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  /**
   * Reads a class from just after its {@code [}; returns the index after its {@code ]}. A range
   * whose ends are the wrong way round is valid in Go and matches nothing.
   */
  private static int appendClass(String pattern, int start, StringBuilder regex) {
    int i = start;
    boolean negated = i < pattern.length() && pattern.charAt(i) == '^';
    if (negated) {
      i++;
    }
    StringBuilder members = new StringBuilder();
    int ranges = 0;
    while (true) {
      if (i >= pattern.length()) {
        throw badPattern();
      }
      if (pattern.charAt(i) == ']' && ranges > 0) {
        break;
      }
      int[] lo = classChar(pattern, i);
      i = lo[1];
      int hi = lo[0];
      if (i < pattern.length() && pattern.charAt(i) == '-') {
        int[] end = classChar(pattern, i + 1);
        i = end[1];
        hi = end[0];
      }
      if (lo[0] <= hi) {
        members.append(literal(lo[0])).append('-').append(literal(hi));
      }
      ranges++;
    }
    if (members.isEmpty()) {
      regex.append(negated ? "." : "(?!)");
    } else {
      regex.append(negated ? "[^" : "[").append(members).append(']');
    }
    return i + 1;
  }

  /** One character of a class, {@code \}-escaped or plain: its code point and the next index. */
  private static int[] classChar(String pattern, int i) {
    if (i >= pattern.length()) {
      throw badPattern();
    }
    int c = pattern.codePointAt(i);
    if (c == '-' || c == ']') {
      throw badPattern();
    }
    if (c == '\\') {
      i++;
      if (i >= pattern.length()) {
        throw badPattern();
      }
      c = pattern.codePointAt(i);
    }
    return new int[] {c, i + Character.charCount(c)};
  }

  private static String literal(int codePoint) {
    return "\\x{" + Integer.toHexString(codePoint) + "}";
  }

  private static IllegalArgumentException badPattern() {
    return new IllegalArgumentException("syntax error in pattern");
  }
}
