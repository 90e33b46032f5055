package io.berth.layer.tar;

import io.berth.layer.fs.FileStat;
import io.berth.layer.fs.FileSystemOps;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Merges a chain of overlay lower directories into one plain directory that looks exactly like
 * their overlay mount (kernel Documentation/filesystems/overlayfs.rst, "Multiple lower layers"):
 * upper entries replace lower ones, whiteouts delete, opaque directories hide what is below, and no
 * whiteout is left in the result.
 *
 * <p>This lets an image with more layers than fit in overlay's one-page mount options be mounted:
 * the bottom of the chain is flattened into one lower directory. Regular files are hard links to
 * the lower layers' files, which must be read-only and on the same file system; a file is copied
 * only when it cannot be linked (another file system, or the inode's link limit reached).
 */
public final class Flattener {

  private final Path target;
  private final Map<String, Path> directorySources = new HashMap<>();

  private Flattener(Path target) {
    this.target = target;
  }

  /**
   * Materialises the merged view of {@code lowerDirsBottomFirst} into {@code target}.
   *
   * @param lowerDirsBottomFirst lower directories as {@link LayerUnpacker} makes them, the base
   *     layer first
   * @param target an existing empty directory, on the same file system as the lowers
   * @throws IOException if a directory cannot be read or written
   */
  public static void flatten(List<Path> lowerDirsBottomFirst, Path target) throws IOException {
    try (Stream<Path> children = Files.list(target)) {
      if (children.findAny().isPresent()) {
        throw new IOException("the flatten target " + target + " is not empty");
      }
    }
    Flattener flattener = new Flattener(target);
    for (Path lower : lowerDirsBottomFirst) {
      flattener.merge(lower, target, "");
    }
    flattener.finishDirectories();
  }

  private void merge(Path source, Path destination, String relative) throws IOException {
    directorySources.put(relative, source);
    if (isOpaque(source)) {
      clearContents(destination);
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(source)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        Path into = destination.resolve(name);
        String childRelative = relative.isEmpty() ? name : relative + "/" + name;
        FileStat stat = FileSystemOps.lstat(child);
        FileStat existing = lstatOrNull(into);
        if (stat.isOverlayWhiteout()) {
          remove(into, existing);
        } else if (stat.isDirectory()) {
          if (existing == null || !existing.isDirectory()) {
            remove(into, existing);
            Files.createDirectory(into);
          }
          merge(child, into, childRelative);
        } else {
          remove(into, existing);
          place(child, stat, into);
        }
      }
    }
  }

  private static void place(Path source, FileStat stat, Path into) throws IOException {
    switch (stat.type()) {
      case FileStat.S_IFREG -> {
        try {
          Files.createLink(into, source);
        } catch (FileSystemException e) {
          // EXDEV or EMLINK: fall back to a copy with the same metadata
          Files.copy(source, into, LinkOption.NOFOLLOW_LINKS);
          copyMetadata(source, stat, into);
        }
      }
      case FileStat.S_IFLNK -> {
        Files.createSymbolicLink(into, Files.readSymbolicLink(source));
        copyMetadata(source, stat, into);
      }
      case FileStat.S_IFCHR, FileStat.S_IFBLK, FileStat.S_IFIFO -> {
        FileSystemOps.mknod(into, stat.type(), stat.rdevMajor(), stat.rdevMinor());
        copyMetadata(source, stat, into);
      }
      default -> {
        // sockets do not come out of a tar
      }
    }
  }

  /** Owner, mode, xattrs except overlay's own, then times (see {@link EntryMetadata}). */
  private static void copyMetadata(Path source, FileStat stat, Path into) throws IOException {
    FileSystemOps.lchown(into, stat.uid(), stat.gid());
    if (!stat.isSymbolicLink()) {
      FileSystemOps.chmod(into, stat.permissions());
    }
    for (String name : FileSystemOps.llistxattr(source)) {
      if (!name.startsWith(Whiteouts.OVERLAY_XATTR_PREFIX)) {
        byte[] value = FileSystemOps.lgetxattr(source, name).orElse(null);
        if (value != null) {
          FileSystemOps.lsetxattr(into, name, value);
        }
      }
    }
    FileSystemOps.utimensat(into, stat.lastAccessTime(), stat.lastModifiedTime());
  }

  /** Each directory takes the metadata of the topmost layer that has it, as overlay shows. */
  private void finishDirectories() throws IOException {
    List<String> paths = new ArrayList<>(directorySources.keySet());
    paths.sort((a, b) -> Long.compare(depth(b), depth(a)));
    for (String relative : paths) {
      Path into = relative.isEmpty() ? target : target.resolve(relative);
      FileStat existing = lstatOrNull(into);
      if (existing != null && existing.isDirectory()) {
        Path source = directorySources.get(relative);
        copyMetadata(source, FileSystemOps.lstat(source), into);
      }
    }
  }

  private static long depth(String relative) {
    return relative.isEmpty() ? 0 : relative.chars().filter(c -> c == '/').count() + 1;
  }

  private static boolean isOpaque(Path dir) throws IOException {
    return FileSystemOps.lgetxattr(dir, Whiteouts.OVERLAY_OPAQUE_XATTR)
        .map(v -> Arrays.equals(v, Whiteouts.OPAQUE_VALUE))
        .orElse(false);
  }

  private static void clearContents(Path dir) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        remove(child, FileSystemOps.lstat(child));
      }
    }
  }

  private static void remove(Path path, FileStat existing) throws IOException {
    if (existing == null) {
      return;
    }
    if (existing.isDirectory()) {
      TargetTree.deleteTree(path);
    } else {
      Files.delete(path);
    }
  }

  private static FileStat lstatOrNull(Path path) throws IOException {
    try {
      return FileSystemOps.lstat(path);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
