package io.berth.image.build.dockerfile;

/**
 * COPY and ADD source globs with Go's {@code filepath.Match} semantics on slash-separated context
 * paths: {@code *} any run of characters but {@code /}, {@code ?} one character but {@code /},
 * {@code [abc]}, {@code [a-z]}, {@code [^a-z]} one character (which may be {@code /}), {@code \}
 * escaping the next character. The whole path must match.
 */
public final class Globs {

  private Globs() {}

  /**
   * @param pattern the glob
   * @param path a slash-separated context path, such as {@code src/main.go}
   * @return whether the whole path matches; false for a malformed pattern, since Docker's classic
   *     builder ignores {@code filepath.Match}'s error and so matches nothing
   */
  public static boolean match(String pattern, String path) {
    int[] p = pattern.codePoints().toArray();
    int[] s = path.codePoints().toArray();
    return wellFormed(p) && match(p, 0, s, 0);
  }

  /**
   * Whether a source has wildcards, as the classic builder's {@code containsWildcards} decides: an
   * unescaped {@code *}, {@code ?} or {@code [}.
   */
  public static boolean hasMeta(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '\\') {
        i++;
      } else if (ch == '*' || ch == '?' || ch == '[') {
        return true;
      }
    }
    return false;
  }

  private static boolean match(int[] p, int pi, int[] s, int si) {
    while (pi < p.length) {
      int c = p[pi];
      if (c == '*') {
        while (pi < p.length && p[pi] == '*') {
          pi++;
        }
        for (int k = si; k <= s.length; k++) {
          if (match(p, pi, s, k)) {
            return true;
          }
          if (k < s.length && s[k] == '/') {
            return false; // a star never crosses a separator
          }
        }
        return false;
      }
      if (si == s.length) {
        return false;
      }
      if (c == '?') {
        if (s[si] == '/') {
          return false;
        }
        pi++;
      } else if (c == '[') {
        int end = classEnd(p, pi);
        if (!classMatches(p, pi, end, s[si])) {
          return false;
        }
        pi = end;
      } else {
        if (c == '\\') {
          pi++;
        }
        if (p[pi] != s[si]) {
          return false;
        }
        pi++;
      }
      si++;
    }
    return si == s.length;
  }

  /** Whether every escape has a character after it and every class is closed and well-formed. */
  static boolean wellFormed(String pattern) {
    return wellFormed(pattern.codePoints().toArray());
  }

  private static boolean wellFormed(int[] p) {
    for (int i = 0; i < p.length; i++) {
      if (p[i] == '\\') {
        if (++i >= p.length) {
          return false;
        }
      } else if (p[i] == '[') {
        int end = classEnd(p, i);
        if (end < 0) {
          return false;
        }
        i = end - 1;
      }
    }
    return true;
  }

  /**
   * @return the index after the class starting at {@code start}, or -1 when it is malformed
   */
  private static int classEnd(int[] p, int start) {
    int i = start + 1;
    if (i < p.length && p[i] == '^') {
      i++;
    }
    int ranges = 0;
    while (true) {
      if (i < p.length && p[i] == ']' && ranges > 0) {
        return i + 1;
      }
      i = classChar(p, i);
      if (i < 0) {
        return -1;
      }
      if (p[i] == '-') {
        i = classChar(p, i + 1);
        if (i < 0) {
          return -1;
        }
      }
      ranges++;
    }
  }

  /**
   * @return the index after one (possibly escaped) class character at {@code i}, or -1 when there
   *     is none or the class ends there (Go's getEsc)
   */
  private static int classChar(int[] p, int i) {
    if (i >= p.length || p[i] == '-' || p[i] == ']') {
      return -1;
    }
    if (p[i] == '\\') {
      i++;
      if (i >= p.length) {
        return -1;
      }
    }
    i++;
    return i >= p.length ? -1 : i;
  }

  private static boolean classMatches(int[] p, int start, int end, int ch) {
    int i = start + 1;
    boolean negated = i < end && p[i] == '^';
    if (negated) {
      i++;
    }
    boolean matched = false;
    while (i < end - 1) {
      if (p[i] == '\\') {
        i++;
      }
      int lo = p[i++];
      int hi = lo;
      if (p[i] == '-') {
        i++;
        if (p[i] == '\\') {
          i++;
        }
        hi = p[i++];
      }
      if (lo <= ch && ch <= hi) {
        matched = true;
      }
    }
    return matched != negated;
  }
}
