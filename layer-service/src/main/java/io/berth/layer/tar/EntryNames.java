package io.berth.layer.tar;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns archive names into clean relative paths, the way Docker's {@code pkg/archive} does: an
 * absolute name is taken relative to the target root (and {@code ..} at the root stays there),
 * while a relative name whose {@code ..} climbs above the root is refused.
 */
final class EntryNames {

  private EntryNames() {}

  /**
   * The cleaned path, components joined by {@code /}, without leading or trailing slash; the empty
   * string is the target root.
   */
  static String clean(String name, String entryName) throws UnsafeArchiveException {
    if (name.indexOf('\0') >= 0) {
      throw new UnsafeArchiveException(entryName, "NUL byte in name");
    }
    boolean absolute = name.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    int start = 0;
    int length = name.length();
    while (start <= length) {
      int slash = name.indexOf('/', start);
      int end = slash < 0 ? length : slash;
      String part = name.substring(start, end);
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.removeLast();
        } else if (!absolute) {
          throw new UnsafeArchiveException(entryName, "path escapes the target with '..'");
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
      start = end + 1;
    }
    return String.join("/", parts);
  }

  /** The parent of a clean path; the empty string for a top-level name. */
  static String parent(String clean) {
    int slash = clean.lastIndexOf('/');
    return slash < 0 ? "" : clean.substring(0, slash);
  }

  /** The last component of a clean path. */
  static String base(String clean) {
    return clean.substring(clean.lastIndexOf('/') + 1);
  }

  /** Joins a clean parent and a name. */
  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }
}
