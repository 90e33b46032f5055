package io.berth.layer.copy;

import io.berth.layer.fs.FileStat;
import io.berth.layer.fs.FileSystemOps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * An image's file system read straight from its unpacked layer directories, as an overlay mount of
 * them would show it (kernel Documentation/filesystems/overlayfs.rst): a path is looked up from the
 * top layer down, a whiteout (a 0/0 character device) hides what is below, an opaque directory
 * hides the directories below it, a non-directory hides everything below. No mount is needed, so
 * nothing of it can be reached from the host, and lookups never follow a link (see {@link
 * ScopedPath}).
 *
 * <p>Directories carry their extended attributes (but overlay's own), for the copies of a parent's
 * directories a layer holds; files carry none.
 */
final class ImageRoot implements FileTree {

  /** overlayfs marks an opaque directory with this xattr set to {@code y}. */
  private static final String OPAQUE_XATTR = "trusted.overlay.opaque";

  private static final String OVERLAY_XATTRS = "trusted.overlay.";

  private final List<Path> layersTopFirst;
  private final Map<String, Content> inodes = new HashMap<>();

  /**
   * The view of some layer directories.
   *
   * @param lowerDirsBottomFirst the unpacked layers, base layer first (empty for {@code scratch})
   */
  ImageRoot(List<Path> lowerDirsBottomFirst) {
    List<Path> top = new ArrayList<>(lowerDirsBottomFirst);
    Collections.reverse(top);
    this.layersTopFirst = List.copyOf(top);
  }

  @Override
  public Node lookup(String path) throws IOException {
    if (layersTopFirst.isEmpty()) {
      return path.isEmpty() ? Node.directory(0755, 0, 0, 0) : null;
    }
    List<Path> dirs = layersTopFirst;
    Path top = layersTopFirst.get(0);
    if (!path.isEmpty()) {
      String[] parts = path.split("/");
      for (int i = 0; i < parts.length; i++) {
        Step step = step(dirs, parts[i]);
        if (step == null || (step.dirs.isEmpty() && i < parts.length - 1)) {
          return null;
        }
        if (step.dirs.isEmpty()) {
          return node(step.top, step.stat);
        }
        dirs = step.dirs;
        top = step.top;
      }
    }
    return node(top, FileSystemOps.lstat(top));
  }

  @Override
  public SortedMap<String, Node> children(String path) throws IOException {
    List<Path> dirs = directories(path);
    TreeMap<String, Node> children = new TreeMap<>(Node.NAME_ORDER);
    Set<String> settled = new HashSet<>();
    Set<String> merging = new HashSet<>();
    for (Path dir : dirs) {
      try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
        for (Path child : listing) {
          String name = child.getFileName().toString();
          if (settled.contains(name)) {
            continue;
          }
          FileStat stat = FileSystemOps.lstat(child);
          if (stat.isOverlayWhiteout() || !stat.isDirectory()) {
            settled.add(name); // hides what is below; shows itself only if nothing above did
            if (!stat.isOverlayWhiteout() && !merging.contains(name)) {
              Node node = node(child, stat);
              if (node != null) {
                children.put(name, node);
              }
            }
            continue;
          }
          if (merging.add(name)) {
            children.put(name, node(child, stat));
          }
          if (isOpaque(child)) {
            settled.add(name);
          }
        }
      }
    }
    return children;
  }

  /** The layer directories that make up the directory at a path, top first; empty if none. */
  private List<Path> directories(String path) throws IOException {
    List<Path> dirs = layersTopFirst;
    if (path.isEmpty()) {
      return dirs;
    }
    for (String part : path.split("/")) {
      Step step = step(dirs, part);
      if (step == null || step.dirs.isEmpty()) {
        return List.of();
      }
      dirs = step.dirs;
    }
    return dirs;
  }

  /**
   * One component down: the directories named {@code name} in the given ones until a whiteout, a
   * non-directory or an opaque directory stops the merge; or the topmost non-directory.
   */
  private Step step(List<Path> dirs, String name) throws IOException {
    List<Path> next = new ArrayList<>();
    Path top = null;
    FileStat topStat = null;
    for (Path dir : dirs) {
      Path candidate = dir.resolve(name);
      FileStat stat = lstatOrNull(candidate);
      if (stat == null) {
        continue;
      }
      if (stat.isOverlayWhiteout()) {
        break;
      }
      if (!stat.isDirectory()) {
        if (next.isEmpty()) {
          return new Step(List.of(), candidate, stat);
        }
        break;
      }
      if (next.isEmpty()) {
        top = candidate;
        topStat = stat;
      }
      next.add(candidate);
      if (isOpaque(candidate)) {
        break;
      }
    }
    return next.isEmpty() ? null : new Step(next, top, topStat);
  }

  private record Step(List<Path> dirs, Path top, FileStat stat) {}

  /** The node of a file in a layer directory; null for a socket, which no layer holds. */
  private Node node(Path file, FileStat stat) throws IOException {
    long mtime = stat.lastModifiedTime().to(TimeUnit.SECONDS);
    Node.Kind kind;
    switch (stat.type()) {
      case FileStat.S_IFDIR -> {
        return new Node(
            Node.Kind.DIRECTORY,
            stat.permissions(),
            stat.uid(),
            stat.gid(),
            mtime,
            "",
            0,
            0,
            xattrs(file),
            null);
      }
      case FileStat.S_IFREG -> {
        return new Node(
            Node.Kind.FILE,
            stat.permissions(),
            stat.uid(),
            stat.gid(),
            mtime,
            "",
            0,
            0,
            Map.of(),
            content(file, stat));
      }
      case FileStat.S_IFLNK -> {
        String text = Files.readSymbolicLink(file).toString();
        return new Node(
            Node.Kind.SYMLINK, 0777, stat.uid(), stat.gid(), mtime, text, 0, 0, Map.of(), null);
      }
      case FileStat.S_IFCHR -> kind = Node.Kind.CHAR_DEVICE;
      case FileStat.S_IFBLK -> kind = Node.Kind.BLOCK_DEVICE;
      case FileStat.S_IFIFO -> kind = Node.Kind.FIFO;
      default -> {
        return null;
      }
    }
    return new Node(
        kind,
        stat.permissions(),
        stat.uid(),
        stat.gid(),
        mtime,
        "",
        stat.rdevMajor(),
        stat.rdevMinor(),
        Map.of(),
        null);
  }

  /** One content per inode, so that hard links stay hard links in the copy. */
  private Content content(Path file, FileStat stat) {
    if (stat.nlink() <= 1) {
      return new LayerFile(file, stat.size());
    }
    return inodes.computeIfAbsent(
        stat.dev() + ":" + stat.ino(), inode -> new LayerFile(file, stat.size()));
  }

  private static Map<String, byte[]> xattrs(Path dir) throws IOException {
    Map<String, byte[]> xattrs = new TreeMap<>();
    for (String name : FileSystemOps.llistxattr(dir)) {
      if (!name.startsWith(OVERLAY_XATTRS)) {
        FileSystemOps.lgetxattr(dir, name).ifPresent(value -> xattrs.put(name, value));
      }
    }
    return xattrs;
  }

  private static boolean isOpaque(Path dir) throws IOException {
    return FileSystemOps.lgetxattr(dir, OPAQUE_XATTR)
        .map(value -> Arrays.equals(value, new byte[] {'y'}))
        .orElse(false);
  }

  private static FileStat lstatOrNull(Path path) throws IOException {
    try {
      return FileSystemOps.lstat(path);
    } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
      return null;
    }
  }

  /** A regular file of a layer directory, opened without following a link. */
  private static final class LayerFile implements Content {

    private final Path file;
    private final long size;

    LayerFile(Path file, long size) {
      this.file = file;
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }
  }
}
