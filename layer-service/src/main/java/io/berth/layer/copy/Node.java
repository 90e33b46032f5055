package io.berth.layer.copy;

import io.berth.layer.tar.ArchiveEntry;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One file of a tree being read or made: its type, its metadata as a layer records it, and for a
 * directory of an in-memory tree its children, sorted bytewise by name as the layer lists them.
 */
final class Node {

  /** What a node is. */
  enum Kind {
    DIRECTORY,
    FILE,
    SYMLINK,
    CHAR_DEVICE,
    BLOCK_DEVICE,
    FIFO;

    ArchiveEntry.Type entryType() {
      return switch (this) {
        case DIRECTORY -> ArchiveEntry.Type.DIRECTORY;
        case FILE -> ArchiveEntry.Type.FILE;
        case SYMLINK -> ArchiveEntry.Type.SYMLINK;
        case CHAR_DEVICE -> ArchiveEntry.Type.CHAR_DEVICE;
        case BLOCK_DEVICE -> ArchiveEntry.Type.BLOCK_DEVICE;
        case FIFO -> ArchiveEntry.Type.FIFO;
      };
    }
  }

  /**
   * Names in the order a layer lists them: bytewise over their UTF-8, like Go's sort.Strings, which
   * is the order of their code points (so no bytes need to be made to compare them).
   */
  static final Comparator<String> NAME_ORDER = Node::compareCodePoints;

  final Kind kind;
  int mode;
  int uid;
  int gid;
  long mtime;
  final String link;
  final int devMajor;
  final int devMinor;
  final Map<String, byte[]> xattrs;
  final Content content;
  private TreeMap<String, Node> children;

  Node(
      Kind kind,
      int mode,
      int uid,
      int gid,
      long mtime,
      String link,
      int devMajor,
      int devMinor,
      Map<String, byte[]> xattrs,
      Content content) {
    this.kind = kind;
    this.mode = mode & 07777;
    this.uid = uid;
    this.gid = gid;
    this.mtime = mtime;
    this.link = link == null ? "" : link;
    this.devMajor = devMajor;
    this.devMinor = devMinor;
    this.xattrs = Map.copyOf(xattrs);
    this.content = content;
    if (kind == Kind.FILE && content == null) {
      throw new IllegalArgumentException("a regular file needs its content");
    }
  }

  /** A directory without extended attributes. */
  static Node directory(int mode, int uid, int gid, long mtime) {
    return new Node(Kind.DIRECTORY, mode, uid, gid, mtime, "", 0, 0, Map.of(), null);
  }

  /**
   * A copy of this node's metadata for another tree, without children.
   *
   * @param newUid the copy's owner
   * @param newGid the copy's group
   * @param newXattrs the copy's extended attributes
   * @param newContent the copy's content (a regular file's), else null
   */
  Node copy(int newUid, int newGid, Map<String, byte[]> newXattrs, Content newContent) {
    return new Node(
        kind, mode, newUid, newGid, mtime, link, devMajor, devMinor, newXattrs, newContent);
  }

  /** Takes over the children of a directory this node replaces, so that the two merge. */
  void adoptChildren(Node replaced) {
    if (isDirectory() && replaced.isDirectory()) {
      children = replaced.children;
    }
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }

  /** The node at a clean path below this in-memory directory (itself for ""), or null. */
  Node descendant(String path) {
    Node node = this;
    if (path.isEmpty()) {
      return node;
    }
    for (String part : path.split("/")) {
      if (!node.isDirectory()) {
        return null;
      }
      node = node.children().get(part);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** The children of an in-memory directory, created empty on first use. */
  TreeMap<String, Node> children() {
    if (!isDirectory()) {
      throw new IllegalStateException("a " + kind + " has no children");
    }
    if (children == null) {
      children = new TreeMap<>(NAME_ORDER);
    }
    return children;
  }
}
