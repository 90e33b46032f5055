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
 * what exists: it says what {@code lstat(2)} would say of every path created here. Its keys are
 * resolved paths, whose parents are all real directories. An entry's parent path may go through
 * symbolic links the layer created (usr-merged images have {@code bin -> usr/bin} and then {@code
 * bin/sh}): {@link SymlinkScope} resolves them as if the target were {@code /}, like Docker, so the
 * write lands inside the target and the kernel never follows a link. The last component of an entry
 * is never followed: a new entry replaces whatever is there, a link included.
 */
final class TargetTree implements SymlinkScope.Links {

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

  /** The file system path of a resolved path. */
  Path resolve(String resolved) {
    return resolved.isEmpty() ? root : root.resolve(resolved);
  }

  @Override
  public Kind kindOf(String resolved) {
    return kinds.get(resolved);
  }

  @Override
  public String readLink(String resolved) throws IOException {
    // readlink(2): reads the link itself; its parents are real directories (the key is resolved)
    return Files.readSymbolicLink(resolve(resolved)).toString();
  }

  boolean isDirectory(String resolved) {
    return kinds.get(resolved) == Kind.DIRECTORY;
  }

  /**
   * Makes the directory that {@code clean} names exist, links along it resolved in scope, missing
   * directories created as plain ones (mode 0755, as Docker's {@code MkdirAll}).
   *
   * @return the resolved path of the directory
   */
  String directory(String clean, String entryName) throws IOException {
    if (isDirectory(clean)) {
      return clean; // a known directory: a resolved path, so no link along it (the usual case)
    }
    String resolved = SymlinkScope.resolve(clean, this, entryName);
    makeDirectories(resolved, entryName);
    return resolved;
  }

  /**
   * Where the entry named {@code clean} goes: its parent resolved in scope and created, its own
   * name kept as it is (never followed).
   *
   * @return the resolved path of the entry
   */
  String place(String clean, String entryName) throws IOException {
    if (clean.isEmpty()) {
      return clean;
    }
    String parent = directory(EntryNames.parent(clean), entryName);
    return EntryNames.child(parent, EntryNames.base(clean));
  }

  /**
   * Makes room for a new entry at a resolved path: whatever is there is removed (later entries
   * win), unless both are directories, which merge.
   *
   * @return true if an existing directory is kept
   */
  boolean clear(String resolved, boolean directory, String entryName) throws IOException {
    if (resolved.isEmpty() && !directory) {
      throw new UnsafeArchiveException(entryName, "a non-directory cannot replace the target root");
    }
    Kind kind = kinds.get(resolved);
    if (kind == null) {
      return false;
    }
    if (kind == Kind.DIRECTORY) {
      if (directory) {
        return true;
      }
      deleteTree(resolve(resolved));
      forgetTree(resolved);
    } else {
      Files.delete(resolve(resolved));
      kinds.remove(resolved);
    }
    return false;
  }

  /** {@link #place} then {@link #clear} for a non-directory entry. */
  String prepare(String clean, String entryName) throws IOException {
    String resolved = place(clean, entryName);
    clear(resolved, false, entryName);
    return resolved;
  }

  void created(String resolved, Kind kind) {
    kinds.put(resolved, kind);
  }

  /**
   * A path extracted earlier that a hard link may point to: it exists and is no directory. Its
   * parent is resolved in scope; a link as its last component is linked itself, as {@code link(2)}
   * does.
   *
   * @return the resolved path of the target
   */
  String linkTarget(String clean, String entryName) throws IOException {
    String resolved =
        clean.isEmpty()
            ? clean
            : EntryNames.child(
                SymlinkScope.resolve(EntryNames.parent(clean), this, entryName),
                EntryNames.base(clean));
    Kind kind = kinds.get(resolved);
    if (kind == null) {
      throw new IOException(
          "tar entry '" + entryName + "': hard link target '" + clean + "' is not in this layer");
    }
    if (kind == Kind.DIRECTORY) {
      throw new IOException(
          "tar entry '" + entryName + "': hard link target '" + clean + "' is a directory");
    }
    return resolved;
  }

  /** Creates a resolved directory path and its missing parents. */
  private void makeDirectories(String resolved, String entryName) throws IOException {
    Kind kind = kinds.get(resolved);
    if (kind == Kind.DIRECTORY) {
      return;
    }
    if (kind == Kind.SYMLINK) {
      // cannot happen once resolved; kept so that a mistake can never write through a link
      throw new UnsafeArchiveException(
          entryName, "'" + resolved + "' is a symbolic link; refusing to write through it");
    }
    if (kind == Kind.OTHER) {
      throw new IOException(
          "tar entry '" + entryName + "': '" + resolved + "' is not a directory in this layer");
    }
    makeDirectories(EntryNames.parent(resolved), entryName);
    Path dir = resolve(resolved);
    Files.createDirectory(dir);
    io.berth.layer.fs.FileSystemOps.chmod(dir, IMPLICIT_DIRECTORY_MODE);
    kinds.put(resolved, Kind.DIRECTORY);
  }

  /** Remembers a directory's header; its metadata is applied after all contents are written. */
  void deferDirectory(String resolved, TarEntry entry) {
    pendingDirectories.put(resolved, entry);
  }

  Map<String, TarEntry> pendingDirectories() {
    return pendingDirectories;
  }

  private void forgetTree(String resolved) {
    String prefix = resolved + "/";
    kinds.keySet().removeIf(k -> k.equals(resolved) || k.startsWith(prefix));
    pendingDirectories.keySet().removeIf(k -> k.equals(resolved) || k.startsWith(prefix));
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
