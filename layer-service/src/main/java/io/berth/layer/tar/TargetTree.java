package io.berth.layer.tar;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The target directory of one extraction and everything the extraction has put in it.
 *
 * <p>The target starts empty and only this extraction writes to it, so this map is the truth about
 * what exists, and no path ever needs to be resolved on disk: a parent is usable only if the map
 * says it is a directory created here. A path under a symbolic link (to anywhere) is refused
 * instead of followed, which is how nothing is ever written outside the target (compare Docker's
 * {@code FollowSymlinkInScope}, which resolves such links inside the root instead).
 */
final class TargetTree {

  /** What an extracted path is. */
  enum Kind {
    DIRECTORY,
    SYMLINK,
    OTHER
  }

  private static final int IMPLICIT_DIRECTORY_MODE = 0755;

  private final Path root;
  private final Map<String, Kind> kinds = new HashMap<>();
  private final Map<String, TarEntry> pendingDirectories = new HashMap<>();

  TargetTree(Path root) {
    this.root = root;
    kinds.put("", Kind.DIRECTORY);
  }

  Path resolve(String clean) {
    return clean.isEmpty() ? root : root.resolve(clean);
  }

  /**
   * Makes {@code clean} a directory, creating missing ancestors as plain directories (mode 0755, as
   * Docker's {@code MkdirAll}); refuses to go through a symbolic link or a file.
   */
  Path ensureDirectory(String clean, String entryName) throws IOException {
    Kind kind = kinds.get(clean);
    if (kind == Kind.DIRECTORY) {
      return resolve(clean);
    }
    if (kind == Kind.SYMLINK) {
      throw new UnsafeArchiveException(
          entryName, "'" + clean + "' is a symbolic link; refusing to write through it");
    }
    if (kind == Kind.OTHER) {
      throw new IOException(
          "tar entry '" + entryName + "': '" + clean + "' is not a directory in this layer");
    }
    ensureDirectory(EntryNames.parent(clean), entryName);
    Path dir = resolve(clean);
    Files.createDirectory(dir);
    io.berth.layer.fs.FileSystemOps.chmod(dir, IMPLICIT_DIRECTORY_MODE);
    kinds.put(clean, Kind.DIRECTORY);
    return dir;
  }

  /**
   * Makes room for a new entry at {@code clean}: its parent exists, and whatever was there is
   * removed (later entries win), unless both are directories, which merge.
   *
   * @return true if an existing directory is kept
   */
  boolean prepare(String clean, boolean directory, String entryName) throws IOException {
    if (clean.isEmpty() && !directory) {
      throw new UnsafeArchiveException(entryName, "a non-directory cannot replace the target root");
    }
    if (!clean.isEmpty()) {
      ensureDirectory(EntryNames.parent(clean), entryName);
    }
    Kind kind = kinds.get(clean);
    if (kind == null) {
      return false;
    }
    if (kind == Kind.DIRECTORY) {
      if (directory) {
        return true;
      }
      deleteTree(resolve(clean));
      forgetTree(clean);
    } else {
      Files.delete(resolve(clean));
      kinds.remove(clean);
    }
    return false;
  }

  void created(String clean, Kind kind) {
    kinds.put(clean, kind);
  }

  /** A path extracted earlier that a hard link may point to: it exists and is no directory. */
  Path linkTarget(String clean, String entryName) throws IOException {
    Kind kind = kinds.get(clean);
    if (kind == null) {
      throw new IOException(
          "tar entry '" + entryName + "': hard link target '" + clean + "' is not in this layer");
    }
    if (kind == Kind.DIRECTORY) {
      throw new IOException(
          "tar entry '" + entryName + "': hard link target '" + clean + "' is a directory");
    }
    return resolve(clean);
  }

  /** Remembers a directory's header; its metadata is applied after all contents are written. */
  void deferDirectory(String clean, TarEntry entry) {
    pendingDirectories.put(clean, entry);
  }

  Map<String, TarEntry> pendingDirectories() {
    return pendingDirectories;
  }

  private void forgetTree(String clean) {
    String prefix = clean + "/";
    kinds.keySet().removeIf(k -> k.equals(clean) || k.startsWith(prefix));
    pendingDirectories.keySet().removeIf(k -> k.equals(clean) || k.startsWith(prefix));
  }

  /** Deletes a directory tree without following symbolic links. */
  static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
