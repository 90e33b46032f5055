package io.berth.layer.tar;

import io.berth.layer.fs.FileSystemOps;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/** Applies a header's owner, mode, xattrs and times to an extracted file, in the safe order. */
final class EntryMetadata {

  private EntryMetadata() {}

  /**
   * Owner first, because {@code chown} clears setuid/setgid bits and {@code security.capability};
   * then mode, then xattrs, then times last (they would change with the others).
   */
  static void apply(Path path, TarEntry entry, boolean symlink, boolean preserveOwners)
      throws IOException {
    if (preserveOwners) {
      FileSystemOps.lchown(path, entry.uid(), entry.gid());
    }
    if (!symlink) {
      FileSystemOps.chmod(path, entry.mode());
    }
    for (Map.Entry<String, byte[]> xattr : entry.xattrs().entrySet()) {
      if (!xattr.getKey().startsWith(Whiteouts.OVERLAY_XATTR_PREFIX)) {
        FileSystemOps.lsetxattr(path, xattr.getKey(), xattr.getValue());
      }
    }
    FileTime atime = entry.atime() != null ? entry.atime() : entry.mtime();
    FileSystemOps.utimensat(path, atime, entry.mtime());
  }
}
