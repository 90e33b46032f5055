package io.berth.image.build.dockerfile;

import java.util.Locale;
import java.util.SortedSet;

/**
 * The {@code (did you mean X?)} hint buildkit's {@code util/suggest} adds to unknown instructions
 * and flags: the closest option at a Levenshtein distance under 3.
 */
final class Suggestions {

  private Suggestions() {}

  /**
   * @param value what was written
   * @param options the known names (lower case), searched in order
   * @param caseSensitive whether case counts; if not, the suggestion follows the case of {@code
   *     value} when that is all lower or all upper
   * @return {@code " (did you mean X?)"}, or "" when nothing is close or {@code value} is known
   */
  static String didYouMean(String value, SortedSet<String> options, boolean caseSensitive) {
    String needle = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
    String match = null;
    int best = 3;
    for (String option : options) {
      String candidate = caseSensitive ? option : option.toLowerCase(Locale.ROOT);
      if (candidate.equals(needle)) {
        return "";
      }
      int distance = distance(needle, candidate);
      if (distance < best) {
        best = distance;
        match = caseSensitive ? candidate : matchCase(candidate, value);
      }
    }
    return match == null ? "" : " (did you mean " + match + "?)";
  }

  private static String matchCase(String option, String original) {
    if (original.equals(original.toLowerCase(Locale.ROOT))) {
      return option.toLowerCase(Locale.ROOT);
    }
    if (original.equals(original.toUpperCase(Locale.ROOT))) {
      return option.toUpperCase(Locale.ROOT);
    }
    return option;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
