package io.berth.layer.tar;

import io.berth.layer.tar.TargetTree.Kind;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves the symbolic links along a path as if the target directory were {@code /}, the way
 * Docker's {@code FollowSymlinkInScope} does: an absolute link target starts again at the target
 * root, {@code ..} never climbs above it, and the result is a path inside the target with no
 * symbolic link left among its components, so the kernel never has one to follow.
 *
 * <p>Same algorithm as moby's {@code evalSymlinksInScope}, <a
 * href="https://github.com/moby/sys/blob/main/symlink/fs.go">github.com/moby/sys/symlink/fs.go</a>:
 * the remaining components are consumed front first; a component that is a link is replaced by the
 * link's text; a component that does not exist is accepted as it is; {@code ..} drops the last
 * resolved component, so it climbs from where a link really points, as the kernel does. Moby stops
 * after 255 components in all; this counts link hops (255, like moby's bound) and, separately,
 * components walked, so that deep real paths resolve while a hostile chain stays cheap.
 */
final class SymlinkScope {

  /** The most links followed while resolving one path; more means a loop (or a hostile chain). */
  static final int MAX_LINK_HOPS = 255;

  /**
   * The most components walked while resolving one path, links expanded: a path of {@code PATH_MAX}
   * (4096) bytes has at most 2048, so this leaves room for links and bounds the work a chain of
   * long link texts can cause.
   */
  static final int MAX_COMPONENTS = 4096;

  /** What resolution needs to know of the tree: {@code lstat(2)}'s type and {@code readlink(2)}. */
  interface Links {

    /** The type of the file at a resolved path, without following it; null if there is none. */
    Kind kindOf(String resolved);

    /** The text of the symbolic link at a resolved path, as {@code readlink(2)}. */
    String readLink(String resolved) throws IOException;
  }

  private SymlinkScope() {}

  /**
   * Resolves every component of {@code clean}, the last one included.
   *
   * @param clean a clean relative path (see {@link EntryNames#clean}); empty for the root
   * @param links the tree the links live in
   * @param entryName the archive entry being extracted, for the error
   * @return a clean relative path inside the root whose components are all directories, files or
   *     names that do not exist yet, never symbolic links
   * @throws UnsafeArchiveException after {@link #MAX_LINK_HOPS} links or {@link #MAX_COMPONENTS}
   *     components
   */
  static String resolve(String clean, Links links, String entryName) throws IOException {
    Deque<String> pending = new ArrayDeque<>();
    pushFront(pending, clean);
    String resolved = "";
    int hops = 0;
    int walked = 0;
    while (!pending.isEmpty()) {
      String part = pending.removeFirst();
      if (++walked > MAX_COMPONENTS) {
        throw new UnsafeArchiveException(
            entryName,
            "resolving '" + clean + "' walks more than " + MAX_COMPONENTS + " path components");
      }
      if (part.equals("..")) {
        resolved = EntryNames.parent(resolved); // the parent of the root is the root
        continue;
      }
      String candidate = EntryNames.child(resolved, part);
      if (links.kindOf(candidate) != Kind.SYMLINK) {
        resolved = candidate; // a directory, a file (the kernel will say ENOTDIR) or nothing yet
        continue;
      }
      if (++hops > MAX_LINK_HOPS) {
        throw new UnsafeArchiveException(
            entryName,
            "too many levels of symbolic links resolving '"
                + clean
                + "' (more than "
                + MAX_LINK_HOPS
                + "; a loop?)");
      }
      String text = links.readLink(candidate);
      if (text.startsWith("/")) {
        resolved = ""; // absolute links are relative to the target root
      }
      pushFront(pending, text);
    }
    return resolved;
  }

  /** Puts the components of {@code path} in front of {@code pending}, skipping empty and ".". */
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
