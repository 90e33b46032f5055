package io.berth.container.files;

import io.berth.events.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a tar stream into a directory of a container's root, the body of {@code PUT
 * /containers/{id}/archive}, following moby's {@code archive.Unpack} and {@code createTarFile}: no
 * entry lands outside the destination, and every directory an entry passes through is resolved in
 * the container's scope ({@link SymlinkScope}), so a link such as {@code etc -> /} leads back into
 * the root, never to the host. Device files are refused; directory mtimes are set last.
 */
final class ArchiveExtractor {

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final Path root;
  private final String destination;
  private final boolean noOverwriteDirNonDir;
  private final boolean copyUidGid;
  private final List<DirectoryTime> directoryTimes = new ArrayList<>();

  private record DirectoryTime(Path path, FileTime mtime) {}

  /**
   * @param root the container's root directory on the host
   * @param destination the cleaned absolute container path of the destination directory, resolved
   *     in scope (no link among its components)
   * @param noOverwriteDirNonDir refuse to replace a directory with a non-directory and vice versa
   * @param copyUidGid keep the entries' owners; otherwise everything belongs to root (0:0)
   */
  ArchiveExtractor(
      Path root, String destination, boolean noOverwriteDirNonDir, boolean copyUidGid) {
    this.root = root;
    this.destination = destination;
    this.noOverwriteDirNonDir = noOverwriteDirNonDir;
    this.copyUidGid = copyUidGid;
  }

  void extract(InputStream in) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8");
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      if (entry.isGlobalPaxHeader()) {
        continue;
      }
      extractEntry(entry, tar);
    }
    // Set directory times last: creating their children changed them (moby does the same).
    for (int i = directoryTimes.size() - 1; i >= 0; i--) {
      DirectoryTime dir = directoryTimes.get(i);
      Files.getFileAttributeView(
              dir.path(), java.nio.file.attribute.BasicFileAttributeView.class, NOFOLLOW)
          .setTimes(dir.mtime(), null, null);
    }
  }

  private void extractEntry(TarArchiveEntry entry, InputStream content) throws IOException {
    // moby: hdr.Name = filepath.Clean(hdr.Name); an absolute name is joined to the destination.
    String name = ContainerPath.clean(entry.getName());
    if (name.startsWith("/")) {
      name = name.equals("/") ? "." : name.substring(1);
    }
    if (name.equals("..") || name.startsWith("../")) {
      throw ContainerFilesException.breakout(
          quote(entry.getName()) + " is outside of " + quote(destination));
    }
    String containerPath = name.equals(".") ? destination : join(destination, name);
    Path target = inScope(containerPath);
    HostFile existing = HostFile.lstat(target).orElse(null);
    if (existing != null) {
      if (noOverwriteDirNonDir && existing.isDirectory() && !entry.isDirectory()) {
        throw new ContainerFilesException(
            ErrorCode.FAILED_PRECONDITION,
            "cannot overwrite directory "
                + quote(containerPath)
                + " with non-directory "
                + quote(destination));
      }
      if (noOverwriteDirNonDir && !existing.isDirectory() && entry.isDirectory()) {
        throw new ContainerFilesException(
            ErrorCode.FAILED_PRECONDITION,
            "cannot overwrite non-directory "
                + quote(containerPath)
                + " with directory "
                + quote(destination));
      }
      if (existing.isDirectory() && name.equals(".")) {
        return;
      }
      if (!(existing.isDirectory() && entry.isDirectory())) {
        deleteTree(target);
      }
    }
    create(entry, content, containerPath, target);
    applyMetadata(entry, target);
  }

  /**
   * The host path of a container path: its parent resolved in scope and created if missing (0755,
   * as moby's {@code MkdirAll}), its last component appended unresolved.
   */
  private Path inScope(String containerPath) throws IOException {
    ContainerPath path = ContainerPath.parse(containerPath);
    Path parent = SymlinkScope.resolve(root, path.parent());
    if (!Files.isDirectory(parent, NOFOLLOW)) {
      try {
        Files.createDirectories(parent);
      } catch (FileSystemException e) { // a file where a directory should be (EEXIST, ENOTDIR)
        throw new ContainerFilesException(
            ErrorCode.FAILED_PRECONDITION,
            "cannot extract into "
                + SymlinkScope.containerPath(root, parent)
                + ": not a directory");
      }
    }
    return path.clean().equals("/") ? root : parent.resolve(path.base());
  }

  private void create(TarArchiveEntry entry, InputStream content, String containerPath, Path target)
      throws IOException {
    if (entry.isDirectory()) {
      if (!Files.isDirectory(target, NOFOLLOW)) {
        Files.createDirectory(target);
      }
    } else if (entry.isSymbolicLink()) {
      checkSymlink(entry, containerPath);
      Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
    } else if (entry.isLink()) {
      Files.createLink(target, hardLinkTarget(entry));
    } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      // Commons Compress counts these as files too, so they are checked first.
      throw new ContainerFilesException(
          ErrorCode.INVALID_ARGUMENT,
          "refusing to create the device or pipe " + quote(entry.getName()) + " in a container");
    } else if (entry.isFile()) {
      try (OutputStream out =
          Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        content.transferTo(out);
      }
    } else {
      throw new ContainerFilesException(
          ErrorCode.INVALID_ARGUMENT, "unhandled tar header type for " + quote(entry.getName()));
    }
  }

  /** moby refuses a link whose target, joined to the link's directory, leaves the destination. */
  private void checkSymlink(TarArchiveEntry entry, String containerPath) {
    String linkDir = ContainerPath.parse(containerPath).parent();
    String text = entry.getLinkName();
    String joined = ContainerPath.clean(linkDir + "/" + text); // Go's filepath.Join
    if (!within(joined, destination)) {
      throw ContainerFilesException.breakout(
          "invalid symlink " + quote(containerPath) + " -> " + quote(text));
    }
  }

  /** A hard link's target: the destination joined with its name, inside the destination. */
  private Path hardLinkTarget(TarArchiveEntry entry) throws IOException {
    String joined = ContainerPath.clean(destination + "/" + entry.getLinkName());
    if (!within(joined, destination)) {
      throw ContainerFilesException.breakout(
          "invalid hardlink " + quote(entry.getName()) + " -> " + quote(entry.getLinkName()));
    }
    Path target = inScope(joined);
    if (HostFile.lstat(target).isEmpty()) {
      throw new ContainerFilesException(
          ErrorCode.INVALID_ARGUMENT,
          "hard link " + quote(entry.getName()) + " to a missing file " + quote(joined));
    }
    return target;
  }

  /** Owner, then mode (a chown clears set-id bits), then times, as moby's {@code createTarFile}. */
  private void applyMetadata(TarArchiveEntry entry, Path target) throws IOException {
    int uid = copyUidGid ? (int) entry.getLongUserId() : 0;
    int gid = copyUidGid ? (int) entry.getLongGroupId() : 0;
    Files.setAttribute(target, "unix:uid", uid, NOFOLLOW);
    Files.setAttribute(target, "unix:gid", gid, NOFOLLOW);
    FileTime mtime = entry.getLastModifiedTime();
    if (entry.isSymbolicLink()) {
      setLinkTime(target, mtime);
      return;
    }
    if (!entry.isLink()) {
      Files.setAttribute(target, "unix:mode", entry.getMode() & 07777, NOFOLLOW);
    }
    if (entry.isDirectory()) {
      directoryTimes.add(new DirectoryTime(target, mtime));
    } else {
      Files.setLastModifiedTime(target, mtime);
    }
  }

  private static void setLinkTime(Path link, FileTime mtime) {
    try {
      Files.getFileAttributeView(
              link, java.nio.file.attribute.BasicFileAttributeView.class, NOFOLLOW)
          .setTimes(mtime, null, null);
    } catch (IOException | UnsupportedOperationException e) {
      // lutimes is best effort, as in moby (it ignores ENOSYS)
    }
  }

  /** Removes a file, link or tree without following links, moby's {@code os.RemoveAll}. */
  private static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path, NOFOLLOW)) {
      try (var children = Files.list(path)) {
        for (Path child : children.toList()) {
          deleteTree(child);
        }
      }
    }
    Files.deleteIfExists(path);
  }

  private static boolean within(String path, String dir) {
    return dir.equals("/") || path.equals(dir) || path.startsWith(dir + "/");
  }

  private static String join(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  private static String quote(String text) {
    return '"' + text + '"';
  }
}
