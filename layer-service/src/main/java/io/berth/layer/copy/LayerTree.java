package io.berth.layer.copy;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import io.berth.layer.tar.ArchiveEntry;
import io.berth.layer.tar.ArchiveWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The layer a copy makes, in memory, and the file system it makes together with its parent image: a
 * lookup finds the layer's own node first, else the parent's, as the overlay of the layer on its
 * parent will show it. Every directory on the way to a written file is in the layer, a copy of the
 * parent's where the parent has it (like a copy-up, metadata kept) or a new one, as Docker's layers
 * list them.
 */
final class LayerTree implements FileTree {

  /** The time of directories the copy creates: fixed, so the same copy makes the same layer. */
  static final long CREATED_MTIME = 0;

  private static final int CREATED_MODE = 0755;

  private final FileTree parent;
  private final Node root = Node.directory(0755, 0, 0, 0);

  /**
   * An empty layer.
   *
   * @param parent the image it goes on (an empty one for {@code scratch})
   */
  LayerTree(FileTree parent) {
    this.parent = parent;
  }

  @Override
  public Node lookup(String path) throws IOException {
    if (path.isEmpty()) {
      return parent.lookup(path);
    }
    Node node = root;
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length; i++) {
      Node next = node.children().get(parts[i]);
      if (next == null) {
        // Below a directory of the layer the parent shows through, unless the layer's directory
        // replaced a non-directory of the parent: then the parent's lookup finds nothing.
        return parent.lookup(path);
      }
      if (i < parts.length - 1 && !next.isDirectory()) {
        return null;
      }
      node = next;
    }
    return node;
  }

  @Override
  public SortedMap<String, Node> children(String path) throws IOException {
    Node here = lookup(path);
    if (here == null || !here.isDirectory()) {
      return Collections.emptySortedMap();
    }
    TreeMap<String, Node> merged = new TreeMap<>(Node.NAME_ORDER);
    merged.putAll(parent.children(path));
    Node own = own(path);
    if (own != null && own.isDirectory()) {
      merged.putAll(own.children());
    }
    return merged;
  }

  /**
   * Makes the directory at a resolved path part of the layer: each component a directory of the
   * layer, copied from the parent where it has one, else created with mode 0755, the given owner
   * and a fixed time.
   *
   * @param path a path whose components are no symbolic links (see {@link ScopedPath})
   * @return whether the directory itself existed before, in the layer or its parent
   * @throws LayerException {@code INVALID_ARGUMENT} when a component is no directory
   */
  boolean makeDirectory(String path, int uid, int gid) throws IOException {
    Node node = root;
    String walked = "";
    boolean existed = true;
    if (path.isEmpty()) {
      return true;
    }
    for (String part : path.split("/")) {
      walked = FileTree.child(walked, part);
      Node next = node.children().get(part);
      if (next == null) {
        Node below = parent.lookup(walked);
        if (below == null) {
          next = Node.directory(CREATED_MODE, uid, gid, CREATED_MTIME);
          existed = false;
        } else if (below.isDirectory()) {
          next = below.copy(below.uid, below.gid, below.xattrs, null);
          existed = true;
        } else {
          throw notADirectory(walked);
        }
        node.children().put(part, next);
      } else if (!next.isDirectory()) {
        throw notADirectory(walked);
      } else {
        existed = true;
      }
      node = next;
    }
    return existed;
  }

  /**
   * Puts a node into the layer at a path whose parent {@link #makeDirectory} made: it replaces what
   * is there, except that a directory put on a directory merges with it (taking the new metadata),
   * as Docker's unpacking does.
   */
  void put(String path, Node node) {
    Node dir = own(FileTree.parent(path));
    if (dir == null || !dir.isDirectory()) {
      throw new IllegalStateException("the parent of " + path + " is not in the layer");
    }
    Node replaced = dir.children().put(FileTree.base(path), node);
    if (replaced != null) {
      node.adoptChildren(replaced);
    }
  }

  /** Changes the owner of a directory of the layer. */
  void chown(String path, int uid, int gid) {
    Node node = own(path);
    node.uid = uid;
    node.gid = gid;
  }

  /**
   * Writes the layer as an uncompressed tar: depth first, each directory before its contents,
   * siblings in {@link Node#NAME_ORDER}; a file whose content an earlier entry holds becomes a hard
   * link to it.
   *
   * @param out where the tar goes; flushed, not closed
   * @return how many entries the tar holds
   */
  int write(OutputStream out) throws IOException {
    BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
    ArchiveWriter tar = new ArchiveWriter(buffered);
    int entries = write(tar, root, "", new IdentityHashMap<>(), new byte[1 << 16]);
    tar.finish();
    return entries;
  }

  private int write(
      ArchiveWriter tar, Node dir, String prefix, Map<Content, String> written, byte[] buffer)
      throws IOException {
    int entries = 0;
    for (Map.Entry<String, Node> child : dir.children().entrySet()) {
      String path = FileTree.child(prefix, child.getKey());
      Node node = child.getValue();
      entries++;
      if (node.kind == Node.Kind.FILE) {
        String first = written.putIfAbsent(node.content, path);
        if (first != null) {
          tar.put(entry(node, path, ArchiveEntry.Type.HARD_LINK, 0, first));
          continue;
        }
        tar.put(entry(node, path, ArchiveEntry.Type.FILE, node.content.size(), ""));
        copy(node.content, tar, buffer, path);
      } else {
        tar.put(entry(node, path, node.kind.entryType(), 0, node.link));
        if (node.isDirectory()) {
          entries += write(tar, node, path, written, buffer);
        }
      }
    }
    return entries;
  }

  private static ArchiveEntry entry(
      Node node, String path, ArchiveEntry.Type type, long size, String link) {
    return new ArchiveEntry(
        path,
        type,
        node.mode,
        node.uid,
        node.gid,
        size,
        node.mtime,
        link,
        node.devMajor,
        node.devMinor,
        type == ArchiveEntry.Type.HARD_LINK ? Map.of() : node.xattrs);
  }

  private static void copy(Content content, ArchiveWriter tar, byte[] buffer, String path)
      throws IOException {
    long left = content.size();
    try (InputStream in = content.open()) {
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("/" + path + " shrank while it was being copied");
        }
        tar.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  /** The layer's own node at a path, or null. */
  private Node own(String path) {
    return root.descendant(path);
  }

  private static NotADirectory notADirectory(String path) {
    return new NotADirectory("/" + path);
  }

  /** A component of a path to make a directory at is something else. */
  static final class NotADirectory extends LayerException {
    private final String path;

    NotADirectory(String path) {
      super(ErrorCode.INVALID_ARGUMENT, "cannot copy to " + path + ": not a directory");
      this.path = path;
    }

    /** The absolute path of the component that is not a directory. */
    String path() {
      return path;
    }
  }
}
