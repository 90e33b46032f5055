package io.berth.image.build.dockerfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell wildcard patterns of {@code ${V#p}}, {@code ${V%p}} and {@code ${V/p/r}}: {@code *} any
 * string, {@code ?} one character, {@code \} escaping {@code *}, {@code ?} and itself (and dropped
 * before {@code /} and {@code }}); no bracket expressions, as in buildkit's lex.go.
 */
final class ShellPattern {

  private ShellPattern() {}

  static String trimPrefix(String pattern, String value, boolean greedy) {
    Matcher matcher = compile(pattern, greedy, true).matcher(value);
    return matcher.find() ? value.substring(matcher.end()) : value;
  }

  /**
   * A regular expression cannot find the shortest match at the end, so both the pattern and the
   * value are reversed and the prefix trimmed, as lex.go does.
   */
  static String trimSuffix(String pattern, String value, boolean greedy) {
    String trimmed = trimPrefix(reversePattern(pattern), reverse(value), greedy);
    return reverse(trimmed);
  }

  static String replace(String pattern, String value, String replacement, boolean all) {
    Matcher matcher = compile(pattern, true, false).matcher(value);
    String literal = Matcher.quoteReplacement(replacement);
    return all ? matcher.replaceAll(literal) : matcher.replaceFirst(literal);
  }

  private static Pattern compile(String pattern, boolean greedy, boolean anchored) {
    StringBuilder regex = new StringBuilder(anchored ? "^" : "");
    int[] chars = pattern.codePoints().toArray();
    for (int i = 0; i < chars.length; i++) {
      int ch = chars[i];
      switch (ch) {
        case '*' -> regex.append(greedy ? ".*" : ".*?");
        case '?' -> regex.append('.');
        case '\\' -> {
          int following = i + 1 < chars.length ? chars[i + 1] : -1;
          if (following == '}' || following == '/') {
            continue; // an escaped } or / of the ${} syntax; the escape is not part of the pattern
          }
          if (following != '*' && following != '?' && following != '\\') {
            throw new DockerfileException(
                null,
                0,
                "invalid pattern ("
                    + pattern
                    + ") in substitution: invalid escape '\\"
                    + (following < 0 ? "" : Character.toString(following))
                    + "'");
          }
          regex.append('\\').appendCodePoint(following);
          i++;
        }
        case '[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$' ->
            regex.append('\\').appendCodePoint(ch);
        default -> regex.appendCodePoint(ch);
      }
    }
    // Go's "." stops only at \n; Java's also at \r and others unless UNIX_LINES.
    return Pattern.compile(regex.toString(), Pattern.UNIX_LINES);
  }

  /** Reverses a pattern but keeps each escape before the character it escapes. */
  private static String reversePattern(String pattern) {
    int[] chars = pattern.codePoints().toArray();
    int[] out = new int[chars.length];
    int last = chars.length - 1;
    for (int i = 0; i <= last; ) {
      int outIndex = last - i;
      if (chars[i] == '\\' && i != last) {
        out[outIndex - 1] = chars[i];
        out[outIndex] = chars[i + 1];
        i += 2;
      } else {
        out[outIndex] = chars[i];
        i++;
      }
    }
    return new String(out, 0, out.length);
  }

  private static String reverse(String text) {
    int[] chars = text.codePoints().toArray();
    StringBuilder reversed = new StringBuilder(text.length());
    for (int i = chars.length - 1; i >= 0; i--) {
      reversed.appendCodePoint(chars[i]);
    }
    return reversed.toString();
  }
}
