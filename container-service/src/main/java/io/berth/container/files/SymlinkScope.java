package io.berth.container.files;

import io.berth.events.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves the symbolic links along a path as if a container's root directory were {@code /}, as
 * moby's {@code symlink.FollowSymlinkInScope} does (<a
 * href="https://github.com/moby/sys/blob/main/symlink/fs.go">moby/sys symlink/fs.go</a>): an
 * absolute link target starts again at the root, {@code ..} never climbs above it, a component that
 * does not exist is taken as it is, and the result has no symbolic link among its components, so
 * the kernel never follows one out of the root.
 *
 * <p>The result is only as good as the moment it was computed: a process inside a running container
 * could swap a directory for a link afterwards. Callers open the final component without following
 * links, which closes the common case.
 */
final class SymlinkScope {

  /** The most links followed while resolving one path, moby's bound. */
  static final int MAX_LINK_HOPS = 255;

  private SymlinkScope() {}

  /**
   * Resolves every component of {@code path}, the last one included.
   *
   * @param root the container's root directory on the host
   * @param path an absolute or relative path inside the container
   * @return the host path, always {@code root} or below it
   * @throws ContainerFilesException INVALID_ARGUMENT after {@link #MAX_LINK_HOPS} links
   */
  static Path resolve(Path root, String path) {
    Deque<String> pending = new ArrayDeque<>();
    pushFront(pending, path);
    Path resolved = root;
    int hops = 0;
    while (!pending.isEmpty()) {
      String part = pending.removeFirst();
      if (part.equals("..")) {
        if (!resolved.equals(root)) {
          resolved = resolved.getParent(); // the parent of the root is the root
        }
        continue;
      }
      Path candidate = resolved.resolve(part);
      if (!Files.isSymbolicLink(candidate)) {
        resolved = candidate; // a directory, a file (the kernel will say ENOTDIR) or nothing yet
        continue;
      }
      if (++hops > MAX_LINK_HOPS) {
        throw new ContainerFilesException(
            ErrorCode.INVALID_ARGUMENT, "too many levels of symbolic links resolving " + path);
      }
      String text = readLink(candidate);
      if (text.startsWith("/")) {
        resolved = root; // absolute links are relative to the container's root
      }
      pushFront(pending, text);
    }
    return resolved;
  }

  /**
   * Resolves every component but the last, which is appended as it is (a link there is not
   * followed), as moby's {@code container.ResolvePath} does for {@code docker cp}'s source.
   */
  static Path resolveParent(Path root, ContainerPath path) {
    if (path.clean().equals("/")) {
      return root;
    }
    return resolve(root, path.parent()).resolve(path.base());
  }

  /** The container path of a host path below {@code root}: {@code /etc/hostname}. */
  static String containerPath(Path root, Path host) {
    String relative = root.relativize(host).toString();
    return "/" + relative;
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the symbolic link " + link, e);
    }
  }

  /** Puts the components of {@code path} in front of {@code pending}, skipping empty and ".". */
  private static void pushFront(Deque<String> pending, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty() && !parts[i].equals(".")) {
        pending.addFirst(parts[i]);
      }
    }
  }
}
