package io.berth.layer.copy;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import io.berth.layer.tar.ArchiveReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Puts the sources of one {@code COPY} or {@code ADD} into a {@link LayerTree} as Docker's classic
 * builder does in {@code performCopyForInfo} (moby builder/dockerfile/copy.go):
 *
 * <ul>
 *   <li>a directory copies its contents into the destination directory, which is created (with its
 *       missing parents) as root with mode 0755 and then, if new, given the copy's owner;
 *   <li>with {@code ADD}, a file that is a tar archive (plain or compressed, told by its content)
 *       is unpacked into the destination directory, its entries keeping the archive's owners;
 *   <li>any other file goes to the destination, or into it when the destination is a directory (by
 *       its trailing slash or because the parent image has one there); missing parents are created
 *       with mode 0755 and the copy's owner.
 * </ul>
 *
 * <p>The destination is resolved inside the image the layer makes (links followed as {@code
 * FollowSymlinkInScope} does) before each source; the entries copied replace what is there, except
 * that directories merge.
 */
final class Copier {

  private final LayerTree layer;
  private final Owner owner;
  private final boolean extractArchives;
  private final Spool spool;
  private final long maxArchiveBytes;
  private final Destination dest;

  /**
   * A copier for one instruction.
   *
   * @param layer the layer being made
   * @param owner the owner of what is copied, or null to keep the source's owners ({@code COPY
   *     --from} without {@code --chown})
   * @param extractArchives whether tar archives are unpacked ({@code ADD})
   * @param spool where unpacked archive contents go
   * @param maxArchiveBytes the most bytes an unpacked archive may have
   * @param dest the destination
   */
  Copier(
      LayerTree layer,
      Owner owner,
      boolean extractArchives,
      Spool spool,
      long maxArchiveBytes,
      Destination dest) {
    this.layer = layer;
    this.owner = owner;
    this.extractArchives = extractArchives;
    this.spool = spool;
    this.maxArchiveBytes = maxArchiveBytes;
    this.dest = dest;
  }

  /**
   * Copies one source.
   *
   * @param source the tree it is in
   * @param path its clean path there, as named (its links are followed inside the tree)
   * @param notFound the error when it does not exist
   */
  void copy(FileTree source, String path, Supplier<LayerException> notFound) throws IOException {
    String resolved = ScopedPath.resolve(source, "", path);
    Node node = source.lookup(resolved);
    if (node == null) {
      throw notFound.get();
    }
    Map<Content, Content> inodes = new IdentityHashMap<>();
    if (node.isDirectory()) {
      String target = directoryTarget(ownerUid(), ownerGid());
      copyContents(source, resolved, target, inodes, false);
    } else if (extractArchives && node.kind == Node.Kind.FILE && isArchive(node.content)) {
      String target = directoryTarget(0, 0);
      ContextTree archive =
          ContextTree.read(node.content.open(), maxArchiveBytes, p -> false, p -> true, spool);
      copyContents(archive, "", target, inodes, true);
    } else {
      String target = ScopedPath.resolve(layer, "", dest.path());
      Node there = layer.lookup(target);
      if (dest.directory() || (there != null && there.isDirectory())) {
        target = FileTree.child(target, FileTree.base(path.isEmpty() ? "." : path));
      }
      layer.makeDirectory(FileTree.parent(target), ownerUid(), ownerGid());
      layer.put(target, adapt(node, inodes, false));
    }
  }

  /**
   * The destination as a directory, made if missing: root-owned like every directory Docker's
   * {@code CopyWithTar} creates; a new destination then gets {@code newUid:newGid}.
   */
  private String directoryTarget(int newUid, int newGid) throws IOException {
    String target = ScopedPath.resolve(layer, "", dest.path());
    if (!layer.makeDirectory(target, 0, 0)) {
      layer.chown(target, newUid, newGid);
    }
    return target;
  }

  private void copyContents(
      FileTree source, String from, String to, Map<Content, Content> inodes, boolean asArchived)
      throws IOException {
    for (Map.Entry<String, Node> child : source.children(from).entrySet()) {
      String target = FileTree.child(to, child.getKey());
      Node node = child.getValue();
      layer.put(target, adapt(node, inodes, asArchived));
      if (node.isDirectory()) {
        copyContents(source, FileTree.child(from, child.getKey()), target, inodes, asArchived);
      }
    }
  }

  /**
   * The node as the layer holds it: the copy's owner (or the source's), no extended attributes
   * (Docker's copies keep none; unpacked archive entries keep theirs and their owners), and one
   * content per source inode, so hard links within one source stay links and two sources never
   * share an inode.
   */
  private Node adapt(Node node, Map<Content, Content> inodes, boolean asArchived) {
    Content content =
        node.content == null ? null : inodes.computeIfAbsent(node.content, Relinked::new);
    if (asArchived) {
      return node.copy(node.uid, node.gid, node.xattrs, content);
    }
    int uid = owner == null ? node.uid : owner.uid();
    int gid = owner == null ? node.gid : owner.gid();
    return node.copy(uid, gid, Map.of(), content);
  }

  private int ownerUid() {
    return owner == null ? 0 : owner.uid();
  }

  private int ownerGid() {
    return owner == null ? 0 : owner.gid();
  }

  private static boolean isArchive(Content content) throws IOException {
    return ArchiveReader.isArchive(content.open());
  }

  /** The content of one source's inode in the layer. */
  private record Relinked(Content source) implements Content {
    @Override
    public long size() {
      return source.size();
    }

    @Override
    public InputStream open() throws IOException {
      return source.open();
    }

    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  /**
   * The coded error of a copy that failed reading or writing: the host's fault ({@code INTERNAL})
   * when the file system failed, else the input's ({@code INVALID_ARGUMENT}: an unsafe or broken
   * archive).
   */
  static LayerException failed(String instruction, IOException e) {
    boolean host =
        e instanceof java.nio.file.FileSystemException
            || e instanceof io.berth.layer.fs.PosixException;
    return failed(
        instruction, host ? ErrorCode.INTERNAL : ErrorCode.INVALID_ARGUMENT, e.getMessage());
  }

  /** An error naming the instruction, as Docker's build output does. */
  static LayerException failed(String instruction, ErrorCode code, String message) {
    return new LayerException(code, instruction + " failed: " + message);
  }
}
