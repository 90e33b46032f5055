package io.berth.layer.copy;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves the symbolic links along a path inside a tree, as Docker's {@code FollowSymlinkInScope}
 * resolves a path inside a container's root (<a
 * href="https://github.com/moby/sys/blob/main/symlink/fs.go">moby/sys symlink</a>): an absolute
 * link starts again at the scope's root, {@code ..} never climbs above it, a missing component is
 * taken as it is. The result names no symbolic link, so nothing outside the scope is ever reached.
 */
final class ScopedPath {

  /** The most links one resolution follows; more is a loop. */
  static final int MAX_LINKS = 255;

  private ScopedPath() {}

  /**
   * Resolves every component of a path, the last one included.
   *
   * @param tree where the links are
   * @param scope the clean path that stands for {@code /} (the empty string for the tree's root)
   * @param path a path relative to the scope, absolute or not, not yet clean
   * @return the clean resolved path in the tree, {@code scope} or under it
   */
  static String resolve(FileTree tree, String scope, String path) throws IOException {
    Deque<String> pending = new ArrayDeque<>();
    pushFront(pending, path);
    String resolved = "";
    int links = 0;
    while (!pending.isEmpty()) {
      String part = pending.removeFirst();
      if (part.equals("..")) {
        resolved = FileTree.parent(resolved);
        continue;
      }
      String candidate = FileTree.child(resolved, part);
      Node node = tree.lookup(FileTree.child(scope, candidate));
      if (node == null || node.kind != Node.Kind.SYMLINK) {
        resolved = candidate;
        continue;
      }
      if (++links > MAX_LINKS) {
        throw new LayerException(
            ErrorCode.INVALID_ARGUMENT,
            "too many levels of symbolic links resolving /" + clean(path));
      }
      if (node.link.startsWith("/")) {
        resolved = "";
      }
      pushFront(pending, node.link);
    }
    return resolved.isEmpty() ? scope : FileTree.child(scope, resolved);
  }

  /**
   * Cleans a path lexically as Go's {@code path.Clean} does under {@code /}: no empty or {@code .}
   * components, {@code ..} removes the one before it and stops at the root.
   *
   * @return the clean path without leading slash; empty for the root
   */
  static String clean(String path) {
    Deque<String> parts = new ArrayDeque<>();
    pushFront(parts, path);
    Deque<String> kept = new ArrayDeque<>();
    for (String part : parts) {
      if (part.equals("..")) {
        kept.pollLast();
      } else {
        kept.addLast(part);
      }
    }
    return String.join("/", kept);
  }

  private static void pushFront(Deque<String> pending, String path) {
    int end = path.length();
    while (end >= 0) {
      int slash = path.lastIndexOf('/', end - 1);
      String part = path.substring(slash + 1, end);
      if (!part.isEmpty() && !part.equals(".")) {
        pending.addFirst(part);
      }
      end = slash;
    }
  }
}
