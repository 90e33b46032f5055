package io.berth.container.files;

import io.berth.container.files.FileChange.Kind;
import io.berth.container.linux.Linux;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code docker diff}: what a container changed, read from its overlay's upper directory against
 * its image's lower directories, by Docker's rules for overlay roots (moby {@code
 * archive.OverlayChanges}): a whiteout (a character device 0/0) is a deletion; an entry in the
 * upper directory is an addition, unless its path exists in the image, when it is a change (an
 * opaque directory — removed and made again — included; a directory the kernel only copied up, with
 * the image's mode, owner and time, is no change by itself); the directories above every change are
 * changes too. The result is sorted by path.
 */
public final class FileChanges {

  /** overlayfs marks a directory whose lower contents are hidden with this attribute = "y". */
  static final String OPAQUE_XATTR = "trusted.overlay.opaque";

  /** The mount points of the files the runtime generates for every container. */
  static final Set<String> GENERATED_FILES =
      Set.of("/etc/hostname", "/etc/hosts", "/etc/resolv.conf");

  /** The directories the runtime mounts file systems on, made when the image has none. */
  static final Set<String> MOUNT_DIRS = Set.of("/proc", "/sys", "/dev");

  private final List<Path> lowerDirs;

  private FileChanges(List<Path> lowerDirs) {
    this.lowerDirs = List.copyOf(lowerDirs);
  }

  /**
   * Lists the changes of an overlay's upper directory.
   *
   * @param upperDir the container's upper (writable) directory
   * @param lowerDirs the image's lower directories, top first, as overlayfs's {@code lowerdir=}
   *     lists them
   * @throws IOException if a directory cannot be read
   */
  public static List<FileChange> of(Path upperDir, List<Path> lowerDirs) throws IOException {
    Objects.requireNonNull(upperDir, "upperDir");
    Map<String, Kind> changes = new TreeMap<>();
    new FileChanges(lowerDirs).walk(upperDir, "", changes);
    for (String path : List.copyOf(changes.keySet())) {
      for (String parent = parentOf(path); !parent.equals("/"); parent = parentOf(parent)) {
        changes.putIfAbsent(parent, Kind.MODIFIED);
      }
    }
    List<FileChange> list = new ArrayList<>();
    changes.forEach((path, kind) -> list.add(new FileChange(path, kind)));
    return list;
  }

  private void walk(Path dir, String prefix, Map<String, Kind> changes) throws IOException {
    List<Path> children;
    try (Stream<Path> entries = Files.list(dir)) {
      children = entries.sorted().toList();
    }
    for (Path child : children) {
      String path = prefix + "/" + child.getFileName();
      HostFile file = HostFile.lstat(child).orElse(null);
      if (file == null) {
        continue; // removed while we read
      }
      if (isWhiteout(file)) {
        changes.put(path, Kind.DELETED);
        continue;
      }
      Optional<HostFile> below = lower(path);
      if (isMountPoint(path, file) && below.isEmpty()) {
        continue;
      }
      if (below.isEmpty()) {
        changes.put(path, Kind.ADDED);
      } else if (!file.isDirectory() || isOpaque(child) || !sameDirectory(file, below.get())) {
        changes.put(path, Kind.MODIFIED);
      }
      if (file.isDirectory()) {
        walk(child, path, changes);
      }
    }
  }

  /**
   * The image's file at a path, as the merged lower directories show it: the topmost layer that has
   * it wins, unless a layer above whites it (or a directory above it) out, makes a directory above
   * it opaque, or has a non-directory where a directory above it would be.
   */
  private Optional<HostFile> lower(String path) throws IOException {
    String[] names = path.substring(1).split("/");
    for (Path layer : lowerDirs) {
      Path at = layer;
      boolean hidesBelow = false;
      for (int i = 0; i < names.length; i++) {
        at = at.resolve(names[i]);
        Optional<HostFile> found = HostFile.lstat(at);
        if (found.isEmpty()) {
          break;
        }
        HostFile file = found.get();
        if (isWhiteout(file)) {
          return Optional.empty();
        }
        if (i == names.length - 1) {
          return found;
        }
        if (!file.isDirectory()) {
          return Optional.empty();
        }
        hidesBelow |= isOpaque(at);
      }
      if (hidesBelow) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean isMountPoint(String path, HostFile file) {
    if (MOUNT_DIRS.contains(path) && file.isDirectory()) {
      return true;
    }
    return GENERATED_FILES.contains(path) && file.isRegular() && file.size() == 0;
  }

  private static boolean isWhiteout(HostFile file) {
    return file.type() == GoFileMode.S_IFCHR && file.rdev() == 0;
  }

  private static boolean isOpaque(Path dir) {
    return Linux.lgetxattr(dir.toString(), OPAQUE_XATTR)
        .map(value -> new String(value, StandardCharsets.UTF_8).equals("y"))
        .orElse(false);
  }

  /**
   * A directory copied up unchanged keeps the lower one's mode and owner. Its time is not compared
   * (moby compares it): making a mount point in it changes it, and Docker has those in a layer of
   * their own.
   */
  private static boolean sameDirectory(HostFile upper, HostFile lower) {
    return lower.isDirectory()
        && upper.mode() == lower.mode()
        && upper.uid() == lower.uid()
        && upper.gid() == lower.gid();
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }
}
