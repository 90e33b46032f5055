package io.berth.layer.tar;

import io.berth.layer.fs.FileStat;
import io.berth.layer.fs.FileSystemOps;
import io.berth.layer.tar.TargetTree.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The state of one {@link LayerUnpacker#unpack} call: writes each entry into the target tree. */
final class Extraction {

  private static final int COPY_BUFFER = 1 << 20;

  private final TargetTree tree;
  private final UnpackOptions options;
  private final byte[] buffer = new byte[COPY_BUFFER];
  // read by the read-ahead thread to name the entry in a limit's exception
  private volatile String currentEntry = "(before the first entry)";
  private long entries;
  private long regularFileBytes;

  Extraction(TargetTree tree, UnpackOptions options) {
    this.tree = tree;
    this.options = options;
  }

  String currentEntry() {
    return currentEntry;
  }

  long entries() {
    return entries;
  }

  long regularFileBytes() {
    return regularFileBytes;
  }

  void extract(TarEntry entry, TarReader reader) throws IOException {
    currentEntry = entry.name();
    entries++;
    String clean = EntryNames.clean(entry.name(), entry.name());
    String base = EntryNames.base(clean);
    if (base.equals(Whiteouts.OPAQUE_MARKER)) {
      Path dir = tree.resolve(tree.directory(EntryNames.parent(clean), entry.name()));
      FileSystemOps.lsetxattr(dir, Whiteouts.OVERLAY_OPAQUE_XATTR, Whiteouts.OPAQUE_VALUE);
    } else if (base.startsWith(Whiteouts.META_PREFIX)) {
      return; // AUFS bookkeeping such as .wh..wh.plnk; Docker skips it too
    } else if (base.startsWith(Whiteouts.PREFIX)) {
      whiteout(entry, clean, base.substring(Whiteouts.PREFIX.length()));
    } else if (entry.isRegularFile()) {
      regularFile(entry, clean, reader);
    } else {
      switch (entry.type()) {
        case TarEntry.TYPE_DIRECTORY -> directory(entry, clean);
        case TarEntry.TYPE_SYMLINK -> symlink(entry, clean);
        case TarEntry.TYPE_HARD_LINK -> hardLink(entry, clean);
        case TarEntry.TYPE_CHAR_DEVICE, TarEntry.TYPE_BLOCK_DEVICE -> device(entry, clean);
        case TarEntry.TYPE_FIFO -> node(entry, clean, FileStat.S_IFIFO, 0, 0);
        default -> entries--; // unknown types are skipped with their content
      }
    }
  }

  /** {@code .wh.<name>} becomes an overlay whiteout: a 0/0 character device named {@code name}. */
  private void whiteout(TarEntry entry, String clean, String hidden) throws IOException {
    if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
      throw new UnsafeArchiveException(entry.name(), "whiteout of an invalid name");
    }
    String hiddenPath =
        tree.prepare(EntryNames.child(EntryNames.parent(clean), hidden), entry.name());
    Path path = tree.resolve(hiddenPath);
    FileSystemOps.mknod(path, FileStat.S_IFCHR, 0, 0);
    tree.created(hiddenPath, Kind.OTHER);
    if (options.preserveOwners()) {
      FileSystemOps.lchown(path, entry.uid(), entry.gid());
    }
    FileSystemOps.utimensat(path, entry.mtime(), entry.mtime());
  }

  private void regularFile(TarEntry entry, String clean, TarReader reader) throws IOException {
    if (entry.size() > options.maxEntryBytes()) {
      throw new UnsafeArchiveException(
          entry.name(),
          entry.size() + " bytes exceed the entry limit of " + options.maxEntryBytes());
    }
    String resolved = tree.prepare(clean, entry.name());
    Path path = tree.resolve(resolved);
    // CREATE_NEW is O_CREAT|O_EXCL, which never follows a symbolic link.
    try (FileChannel out =
        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      tree.created(resolved, Kind.OTHER);
      int n;
      while ((n = reader.read(buffer, 0, buffer.length)) > 0) {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        regularFileBytes += n;
      }
    }
    EntryMetadata.apply(path, entry, false, options.preserveOwners());
  }

  private void directory(TarEntry entry, String clean) throws IOException {
    String resolved = tree.place(clean, entry.name());
    if (!tree.clear(resolved, true, entry.name())) {
      Files.createDirectory(tree.resolve(resolved));
      tree.created(resolved, Kind.DIRECTORY);
    }
    tree.deferDirectory(resolved, entry);
  }

  private void symlink(TarEntry entry, String clean) throws IOException {
    if (entry.linkName().isEmpty()) {
      throw new IOException("tar entry '" + entry.name() + "': symbolic link with empty target");
    }
    // The target is stored as written, even if it points outside: here it is only ever followed
    // in scope (SymlinkScope), and inside a container it resolves within the container's root.
    // (Docker's pkg/archive refuses a relative text whose '..' climbs out lexically; in scope, as
    // in a container, such a '..' stops at the root, so it is kept.)
    String resolved = tree.prepare(clean, entry.name());
    Path path = tree.resolve(resolved);
    Files.createSymbolicLink(path, Path.of(entry.linkName()));
    tree.created(resolved, Kind.SYMLINK);
    EntryMetadata.apply(path, entry, true, options.preserveOwners());
  }

  private void hardLink(TarEntry entry, String clean) throws IOException {
    String target = tree.linkTarget(EntryNames.clean(entry.linkName(), entry.name()), entry.name());
    String resolved = tree.place(clean, entry.name());
    if (target.equals(resolved)) {
      return;
    }
    tree.clear(resolved, false, entry.name());
    // link(2) does not follow a symbolic link, so a link to a link links the link itself.
    Files.createLink(tree.resolve(resolved), tree.resolve(target));
    tree.created(resolved, Kind.OTHER);
  }

  private void device(TarEntry entry, String clean) throws IOException {
    if (!options.allowDevices()) {
      throw new UnsafeArchiveException(entry.name(), "device nodes are not allowed");
    }
    int type = entry.type() == TarEntry.TYPE_CHAR_DEVICE ? FileStat.S_IFCHR : FileStat.S_IFBLK;
    node(entry, clean, type, entry.devMajor(), entry.devMinor());
  }

  private void node(TarEntry entry, String clean, int type, int major, int minor)
      throws IOException {
    String resolved = tree.prepare(clean, entry.name());
    Path path = tree.resolve(resolved);
    FileSystemOps.mknod(path, type | (entry.mode() & 0777), major, minor);
    tree.created(resolved, Kind.OTHER);
    EntryMetadata.apply(path, entry, false, options.preserveOwners());
  }

  /** Directory times last: writing their contents changed them. Deepest first, for clarity. */
  void finishDirectories() throws IOException {
    List<Map.Entry<String, TarEntry>> dirs = new ArrayList<>(tree.pendingDirectories().entrySet());
    dirs.sort(
        Comparator.comparingLong((Map.Entry<String, TarEntry> e) -> depth(e.getKey())).reversed());
    for (Map.Entry<String, TarEntry> dir : dirs) {
      currentEntry = dir.getValue().name();
      EntryMetadata.apply(
          tree.resolve(dir.getKey()), dir.getValue(), false, options.preserveOwners());
    }
  }

  private static long depth(String clean) {
    return clean.isEmpty() ? 0 : clean.chars().filter(c -> c == '/').count() + 1;
  }
}
