package io.berth.layer.copy;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import io.berth.layer.tar.ArchiveEntry;
import io.berth.layer.tar.ArchiveReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Predicate;

/**
 * A build context (or an archive {@code ADD} unpacks) held in memory as a tree of nodes: read in
 * one pass, streaming, its names cleaned by {@link ArchiveReader}; only the contents of the files a
 * copy may need go to the {@link Spool}, the others are remembered by their place in the stream
 * ({@link Deferred}) and read in a second pass only if a link leads a copy to them.
 */
final class ContextTree implements FileTree {

  private final Node root = Node.directory(0755, 0, 0, 0);
  private final Map<String, Deferred> excludedFiles = new HashMap<>();
  private final List<Deferred> deferred = new java.util.ArrayList<>();

  private ContextTree() {}

  /**
   * Reads an archive.
   *
   * @param raw the archive, compressed or not; closed here
   * @param maxBytes the most bytes its uncompressed tar may have
   * @param excluded paths left out, with everything under them (as if they were not there)
   * @param wanted paths whose file contents are read now
   * @param spool where contents go
   */
  static ContextTree read(
      InputStream raw,
      long maxBytes,
      Predicate<String> excluded,
      Predicate<String> wanted,
      Spool spool)
      throws IOException {
    ContextTree tree = new ContextTree();
    try (ArchiveReader reader = ArchiveReader.open(raw, maxBytes)) {
      int index = 0;
      for (ArchiveEntry entry = reader.next(); entry != null; entry = reader.next(), index++) {
        if (excluded.test(entry.path())) {
          if (entry.type() == ArchiveEntry.Type.FILE) {
            tree.excludedFiles.put(entry.path(), new Deferred(index, entry.size()));
          }
          continue;
        }
        tree.add(entry, index, wanted.test(entry.path()) ? reader : null, spool);
      }
    }
    return tree;
  }

  /** Whether some file a copy uses was not read in the first pass. */
  boolean needsSecondPass(java.util.Collection<Content> used) {
    for (Content content : used) {
      if (content instanceof Deferred d && d.filled == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the contents that were deferred and are used, from the same archive read again.
   *
   * @param raw the same archive; closed here
   */
  void readDeferred(InputStream raw, long maxBytes, java.util.Set<Content> used, Spool spool)
      throws IOException {
    Map<Integer, Deferred> wanted = new HashMap<>();
    for (Deferred d : deferred) {
      if (used.contains(d) && d.filled == null) {
        wanted.put(d.index, d);
      }
    }
    for (Deferred d : excludedFiles.values()) {
      if (used.contains(d) && d.filled == null) {
        wanted.put(d.index, d);
      }
    }
    try (ArchiveReader reader = ArchiveReader.open(raw, maxBytes)) {
      int index = 0;
      for (ArchiveEntry entry = reader.next();
          entry != null && !wanted.isEmpty();
          entry = reader.next(), index++) {
        Deferred d = wanted.remove(index);
        if (d != null) {
          d.filled = spool.append(reader::read, entry.size());
        }
      }
    }
    if (!wanted.isEmpty()) {
      throw new IOException("the archive changed between two reads");
    }
  }

  @Override
  public Node lookup(String path) {
    return root.descendant(path);
  }

  @Override
  public SortedMap<String, Node> children(String path) {
    Node dir = lookup(path);
    return dir == null || !dir.isDirectory()
        ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(dir.children());
  }

  private void add(ArchiveEntry entry, int index, ArchiveReader content, Spool spool)
      throws IOException {
    String path = entry.path();
    if (path.isEmpty()) {
      if (entry.type() != ArchiveEntry.Type.DIRECTORY) {
        throw new LayerException(
            ErrorCode.INVALID_ARGUMENT, "archive entry of type " + entry.type() + " at its root");
      }
      root.mode = entry.mode();
      root.uid = entry.uid();
      root.gid = entry.gid();
      root.mtime = entry.mtime();
      return;
    }
    Node parent = directory(FileTree.parent(path));
    String name = FileTree.base(path);
    Node existing = parent.children().get(name);
    Node node = node(entry, index, content, spool);
    if (existing != null && existing.isDirectory() && node.isDirectory()) {
      existing.mode = node.mode;
      existing.uid = node.uid;
      existing.gid = node.gid;
      existing.mtime = node.mtime;
      return;
    }
    parent.children().put(name, node);
  }

  private Node node(ArchiveEntry entry, int index, ArchiveReader content, Spool spool)
      throws IOException {
    if (entry.type() == ArchiveEntry.Type.HARD_LINK) {
      return hardLink(entry);
    }
    Content bytes = null;
    if (entry.type() == ArchiveEntry.Type.FILE) {
      if (content != null) {
        bytes = spool.append(content::read, entry.size());
      } else {
        Deferred later = new Deferred(index, entry.size());
        deferred.add(later);
        bytes = later;
      }
    }
    return new Node(
        kind(entry.type()),
        entry.mode(),
        entry.uid(),
        entry.gid(),
        entry.mtime(),
        entry.linkName(),
        entry.devMajor(),
        entry.devMinor(),
        entry.xattrs(),
        bytes);
  }

  /** A hard link shares its target's content (and so its inode). */
  private Node hardLink(ArchiveEntry entry) {
    Node target = lookup(entry.linkName());
    Content content;
    if (target != null && target.kind == Node.Kind.FILE) {
      content = target.content;
    } else if (excludedFiles.containsKey(entry.linkName())) {
      content = excludedFiles.get(entry.linkName());
    } else {
      throw new LayerException(
          ErrorCode.INVALID_ARGUMENT,
          "archive entry "
              + entry.path()
              + " is a hard link to "
              + entry.linkName()
              + ", which is no regular file before it in the archive");
    }
    return new Node(
        Node.Kind.FILE,
        entry.mode(),
        entry.uid(),
        entry.gid(),
        entry.mtime(),
        "",
        0,
        0,
        entry.xattrs(),
        content);
  }

  /**
   * The directory at a path, missing ones made (0755, root, as an unpacker makes them); a symbolic
   * link on the way is resolved inside the archive, as Docker's unpacking inside a chroot does.
   */
  private Node directory(String path) throws IOException {
    Node dir = lookup(path);
    if (dir != null && dir.isDirectory()) {
      return dir;
    }
    String resolved = ScopedPath.resolve(this, "", path);
    Node node = root;
    if (resolved.isEmpty()) {
      return node;
    }
    for (String part : resolved.split("/")) {
      Node next = node.children().get(part);
      if (next == null) {
        next = Node.directory(0755, 0, 0, 0);
        node.children().put(part, next);
      } else if (!next.isDirectory()) {
        throw new LayerException(
            ErrorCode.INVALID_ARGUMENT,
            "archive entries under " + path + ", which is not a directory");
      }
      node = next;
    }
    return node;
  }

  private static Node.Kind kind(ArchiveEntry.Type type) {
    return switch (type) {
      case FILE -> Node.Kind.FILE;
      case DIRECTORY -> Node.Kind.DIRECTORY;
      case SYMLINK -> Node.Kind.SYMLINK;
      case CHAR_DEVICE -> Node.Kind.CHAR_DEVICE;
      case BLOCK_DEVICE -> Node.Kind.BLOCK_DEVICE;
      case FIFO -> Node.Kind.FIFO;
      case HARD_LINK -> throw new IllegalArgumentException("hard links share their target's node");
    };
  }

  /** The content of a file not read yet: its place in the archive, and later its bytes. */
  static final class Deferred implements Content {

    private final int index;
    private final long size;
    private Content filled;

    Deferred(int index, long size) {
      this.index = index;
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public InputStream open() throws IOException {
      if (filled == null) {
        throw new IllegalStateException("entry " + index + " of the archive was not read");
      }
      return filled.open();
    }
  }
}
