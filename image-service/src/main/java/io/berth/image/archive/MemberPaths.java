package io.berth.image.archive;

import java.util.ArrayDeque;
import java.util.Deque;

/** Tar member paths in one spelling: no leading {@code ./} or {@code /}, no {@code ..} escaping. */
final class MemberPaths {

  private MemberPaths() {}

  static String normalise(String path) throws ArchiveException {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new ArchiveException("member path " + path + " leaves the archive");
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** The path a symbolic link at {@code linkPath} points to, relative to the link's directory. */
  static String symlinkTarget(String linkPath, String target) throws ArchiveException {
    if (target.startsWith("/")) {
      return normalise(target);
    }
    int slash = linkPath.lastIndexOf('/');
    return normalise(slash < 0 ? target : linkPath.substring(0, slash + 1) + target);
  }

  /** The last path element. */
  static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
