package io.berth.layer.copy;

import java.io.IOException;
import java.util.SortedMap;

/**
 * A read-only file system tree addressed by clean relative paths ({@code a/b}, the empty string for
 * the root), whose lookups never follow a symbolic link: {@link ScopedPath} does that, inside the
 * tree.
 */
interface FileTree {

  /**
   * The node at a path whose every component but the last is a directory of this tree.
   *
   * @return the node, or null if there is none (or a component on the way is no directory)
   */
  Node lookup(String path) throws IOException;

  /**
   * The children of the directory at a path, sorted by {@link Node#NAME_ORDER}.
   *
   * @return the children; empty if there is no directory at the path
   */
  SortedMap<String, Node> children(String path) throws IOException;

  /** Joins a clean parent path and a name. */
  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  /** The parent of a clean path; the empty string for a top-level name or the root. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** The last component of a clean path. */
  static String base(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Whether {@code path} is {@code ancestor} or lies under it. */
  static boolean isUnder(String path, String ancestor) {
    return ancestor.isEmpty()
        || path.equals(ancestor)
        || (path.startsWith(ancestor) && path.charAt(ancestor.length()) == '/');
  }
}
