package io.berth.container.files;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A path inside a container as {@code docker cp} reads it: absolute (a missing leading slash is
 * added), cleaned lexically like Go's {@code path.Clean}, and remembering whether it ended in
 * {@code /} or {@code /.}, which asks Docker to follow a final symbolic link (moby's {@code
 * archive.PreserveTrailingDotOrSeparator}).
 *
 * @param clean the cleaned absolute path, {@code /} for the root
 * @param followFinal whether the raw path ended in {@code /} or {@code /.}
 * @param trailingDot whether the raw path ended in {@code /.} (its archive entries are then named
 *     {@code ./...}, the contents of the directory)
 */
record ContainerPath(String clean, boolean followFinal, boolean trailingDot) {

  /** Parses a path as given in {@code ?path=}. */
  static ContainerPath parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new ContainerFilesException(
          io.berth.events.ErrorCode.INVALID_ARGUMENT, "Path cannot be empty");
    }
    boolean trailingDot = raw.equals(".") || raw.endsWith("/.");
    boolean followFinal = trailingDot || raw.endsWith("/");
    return new ContainerPath(clean("/" + raw), followFinal, trailingDot);
  }

  /** The path relative to the root: {@code etc/hostname}, or empty for the root itself. */
  String relative() {
    return clean.substring(1);
  }

  /** The last component, {@code /} for the root, as Go's {@code filepath.Base}. */
  String base() {
    return clean.equals("/") ? "/" : clean.substring(clean.lastIndexOf('/') + 1);
  }

  /** The cleaned absolute path of the parent, {@code /} for the root and its children. */
  String parent() {
    int slash = clean.lastIndexOf('/');
    return slash <= 0 ? "/" : clean.substring(0, slash);
  }

  /**
   * Cleans a path lexically as Go's {@code path.Clean}: no empty or {@code .} components, {@code
   * ..} removes the previous component and is dropped at the root of an absolute path; a relative
   * result keeps leading {@code ..} components and is {@code .} when empty.
   */
  static String clean(String path) {
    boolean absolute = path.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!absolute) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    if (absolute) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }
}
