package io.berth.layer.copy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The source patterns of {@code COPY --from}: Go's {@code filepath.Match} syntax ({@code *} and
 * {@code ?} within one path component, {@code [a-z]} and {@code [^a-z]} classes, {@code \} escaping
 * the next character), matched against an image's paths as Docker's classic builder does in {@code
 * copyWithWildcards}: every path whose components match the pattern's, in the order a sorted walk
 * finds them, without descending through symbolic links.
 *
 * @see <a href="https://pkg.go.dev/path/filepath#Match">filepath.Match</a>
 */
final class Glob {

  private Glob() {}

  /** Whether a source has an unescaped {@code *}, {@code ?} or {@code [}. */
  static boolean hasWildcards(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /**
   * The paths of a tree a pattern matches.
   *
   * @param tree the image
   * @param pattern a relative pattern, components separated by {@code /}
   * @return clean relative paths, in walk order; empty if none matches
   */
  static List<String> expand(FileTree tree, String pattern) throws IOException {
    List<String> parts = new ArrayList<>();
    for (String part : pattern.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    List<String> matches = new ArrayList<>();
    expand(tree, "", parts, 0, matches);
    return matches;
  }

  private static void expand(
      FileTree tree, String dir, List<String> parts, int index, List<String> matches)
      throws IOException {
    if (index == parts.size()) {
      matches.add(dir);
      return;
    }
    String part = parts.get(index);
    boolean last = index == parts.size() - 1;
    if (!hasWildcards(part)) {
      String path = FileTree.child(dir, unescape(part));
      Node node = tree.lookup(path);
      if (node != null && (last || node.isDirectory())) {
        expand(tree, path, parts, index + 1, matches);
      }
      return;
    }
    for (var child : tree.children(dir).entrySet()) {
      if ((last || child.getValue().isDirectory()) && matches(part, child.getKey())) {
        expand(tree, FileTree.child(dir, child.getKey()), parts, index + 1, matches);
      }
    }
  }

  private static String unescape(String literal) {
    StringBuilder out = new StringBuilder(literal.length());
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '\\' && i + 1 < literal.length()) {
        c = literal.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Whether a name matches a pattern, as Go's {@code filepath.Match}; a malformed pattern matches
   * nothing (Docker ignores its error).
   */
  static boolean matches(String pattern, String name) {
    try {
      return match(pattern, name);
    } catch (IllegalArgumentException badPattern) {
      return false;
    }
  }

  private static boolean match(String pattern, String name) {
    while (!pattern.isEmpty()) {
      boolean star = false;
      int p = 0;
      while (p < pattern.length() && pattern.charAt(p) == '*') {
        p++;
        star = true;
      }
      int end = chunkEnd(pattern, p);
      String chunk = pattern.substring(p, end);
      pattern = pattern.substring(end);
      if (star && chunk.isEmpty()) {
        return name.indexOf('/') < 0; // a trailing * matches the rest of the component
      }
      String rest = matchChunk(chunk, name);
      if (rest != null && (rest.isEmpty() || !pattern.isEmpty())) {
        name = rest;
        continue;
      }
      boolean found = false;
      if (star) {
        for (int i = 0; i < name.length() && name.charAt(i) != '/'; i++) {
          rest = matchChunk(chunk, name.substring(i + 1));
          if (rest != null && !(pattern.isEmpty() && !rest.isEmpty())) {
            name = rest;
            found = true;
            break;
          }
        }
      }
      if (!found) {
        return false;
      }
    }
    return name.isEmpty();
  }

  /** Where the chunk starting at {@code from} ends: at the next unescaped star outside a class. */
  private static int chunkEnd(String pattern, int from) {
    boolean inClass = false;
    for (int i = from; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '*' && !inClass) {
        return i;
      }
    }
    return pattern.length();
  }

  /** Matches a star-free chunk at the start of {@code name}; what is left of it, or null. */
  private static String matchChunk(String chunk, String name) {
    int n = 0;
    int i = 0;
    boolean failed = false; // keep parsing to report a bad pattern, as Go does
    while (i < chunk.length()) {
      char c = chunk.charAt(i);
      if (!failed && n >= name.length()) {
        failed = true;
      }
      switch (c) {
        case '[' -> {
          char r = failed ? 0 : name.charAt(n);
          n++;
          i++;
          boolean negated = i < chunk.length() && chunk.charAt(i) == '^';
          if (negated) {
            i++;
          }
          boolean matched = false;
          int ranges = 0;
          while (true) {
            if (i < chunk.length() && chunk.charAt(i) == ']' && ranges > 0) {
              i++;
              break;
            }
            char[] lo = new char[1];
            i = classChar(chunk, i, lo);
            char hi = lo[0];
            if (chunk.charAt(i) == '-') {
              char[] h = new char[1];
              i = classChar(chunk, i + 1, h);
              hi = h[0];
            }
            if (lo[0] <= r && r <= hi) {
              matched = true;
            }
            ranges++;
          }
          if (matched == negated || r == '/') {
            failed = true;
          }
        }
        case '?' -> {
          if (!failed && name.charAt(n) == '/') {
            failed = true;
          }
          n++;
          i++;
        }
        case '\\' -> {
          i++;
          if (i >= chunk.length()) {
            throw new IllegalArgumentException("bad pattern");
          }
          if (!failed && chunk.charAt(i) != name.charAt(n)) {
            failed = true;
          }
          n++;
          i++;
        }
        default -> {
          if (!failed && c != name.charAt(n)) {
            failed = true;
          }
          n++;
          i++;
        }
      }
    }
    return failed ? null : name.substring(n);
  }

  /** One character of a class, escapes resolved; returns the index after it. */
  private static int classChar(String chunk, int i, char[] out) {
    if (i >= chunk.length() || chunk.charAt(i) == '-' || chunk.charAt(i) == ']') {
      throw new IllegalArgumentException("bad pattern");
    }
    char c = chunk.charAt(i);
    if (c == '\\') {
      i++;
      if (i >= chunk.length()) {
        throw new IllegalArgumentException("bad pattern");
      }
      c = chunk.charAt(i);
    }
    out[0] = c;
    i++;
    if (i >= chunk.length()) {
      throw new IllegalArgumentException("bad pattern");
    }
    return i;
  }
}
