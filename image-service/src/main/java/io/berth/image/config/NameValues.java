package io.berth.image.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code name=value} pairs of ENV and LABEL, in both forms: {@code ENV a=b c="d e"} and the
 * legacy {@code ENV name the rest of the line}. Quotes stay in place; word expansion removes them
 * later, as in Docker's {@code parseNameVal}.
 *
 * @see <a
 *     href="https://github.com/moby/buildkit/blob/v0.12.0/frontend/dockerfile/parser/line_parsers.go">BuildKit
 *     line_parsers.go</a>
 */
final class NameValues {

  /** One pair, before expansion. */
  record Pair(String name, String value) {}

  private NameValues() {}

  static List<Pair> parse(String rest, String instruction) {
    List<String> words = ShellWords.splitKeepingQuotes(rest);
    if (words.isEmpty()) {
      throw new IllegalArgumentException(instruction + " requires at least one argument");
    }
    List<Pair> pairs = new ArrayList<>();
    if (!words.get(0).contains("=")) {
      String[] parts = rest.split("[\\t\\u000b\\f\\r ]+", 2);
      if (parts.length < 2) {
        throw new IllegalArgumentException(instruction + " must have two arguments");
      }
      pairs.add(new Pair(parts[0], parts[1]));
    } else {
      for (String word : words) {
        int eq = word.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException(
              "Syntax error - can't find = in "
                  + goQuote(word)
                  + ". Must be of the form: name=value");
        }
        pairs.add(new Pair(word.substring(0, eq), word.substring(eq + 1)));
      }
    }
    for (Pair pair : pairs) {
      if (pair.name().isEmpty()) {
        throw new IllegalArgumentException(instruction + " names can not be blank");
      }
    }
    return pairs;
  }

  private static String goQuote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
