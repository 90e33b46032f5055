package io.berth.container.linux;

import static io.berth.container.linux.LinuxConstants.MS_BIND;
import static io.berth.container.linux.LinuxConstants.MS_MOVE;
import static io.berth.container.linux.LinuxConstants.MS_RDONLY;
import static io.berth.container.linux.LinuxConstants.MS_REMOUNT;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The user's mounts of one starting container, on its start thread: {@link #open} clones each bind
 * source as a detached mount while the host's paths are still visible; after pivot_root(2) {@link
 * #mountAll} attaches them, and makes the tmpfs mounts, at paths resolved inside the container's
 * root (the thread's root is the container's now, so an absolute symlink or a {@code ..} in the
 * path cannot lead out of it). Everything happens in the container's own mount namespace: the
 * host's mount table never sees these mounts, and they go when the container's last process ends.
 */
final class UserMounts implements AutoCloseable {

  /** Where a volume is attached for a moment while it is seeded with the image's content. */
  private static final String SEEDING = "/dev/.berth-volume";

  private final List<ContainerMount> mounts;
  private final int[] trees;
  private final boolean[] directories;

  private UserMounts(List<ContainerMount> mounts) {
    this.mounts = mounts;
    this.trees = new int[mounts.size()];
    this.directories = new boolean[mounts.size()];
    java.util.Arrays.fill(trees, -1);
  }

  /** Clones the bind sources; call before pivot_root(2). */
  static UserMounts open(List<ContainerMount> asked) {
    List<ContainerMount> mounts = new ArrayList<>(asked);
    mounts.sort(Comparator.comparingInt(ContainerMount::depth));
    UserMounts opened = new UserMounts(mounts);
    try {
      for (int i = 0; i < mounts.size(); i++) {
        ContainerMount mount = mounts.get(i);
        if (!mount.isTmpfs()) {
          // The host's paths are gone after pivot_root: what the source is must be known now.
          opened.directories[i] = Files.isDirectory(mount.source());
          opened.trees[i] = Linux.openTreeCloneRecursive(mount.source().toString());
        }
      }
      return opened;
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /** Attaches every mount inside the container; call after pivot_root(2). */
  void mountAll() throws IOException {
    for (int i = 0; i < mounts.size(); i++) {
      ContainerMount mount = mounts.get(i);
      String target = mount.destination();
      if (mount.isTmpfs()) {
        mkdirs(target);
        Linux.mount("tmpfs", target, "tmpfs", mount.tmpfsFlags(), emptyToNull(mount.tmpfsData()));
        continue;
      }
      if (directories[i]) {
        mkdirs(target);
      } else {
        makeFile(target);
      }
      if (mount.copyUp() && hasContent(target)) {
        mkdirs(SEEDING);
        Linux.moveMount(trees[i], SEEDING);
        copyContent(Path.of(target), Path.of(SEEDING));
        Linux.mount(SEEDING, target, null, MS_MOVE, null);
        Files.delete(Path.of(SEEDING));
      } else {
        Linux.moveMount(trees[i], target);
      }
      Linux.close(trees[i]);
      trees[i] = -1;
      if (mount.readOnly()) {
        // A bind's flags change only by a remount of the bind itself (mount(2), "MS_REMOUNT").
        Linux.mount(null, target, null, MS_BIND | MS_REMOUNT | MS_RDONLY, null);
      }
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < trees.length; i++) {
      if (trees[i] >= 0) {
        Linux.close(trees[i]);
        trees[i] = -1;
      }
    }
  }

  private static String emptyToNull(String data) {
    return data.isEmpty() ? null : data;
  }

  private static void mkdirs(String path) throws IOException {
    Files.createDirectories(Path.of(path));
  }

  private static void makeFile(String path) throws IOException {
    Path file = Path.of(path);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
  }

  private static boolean hasContent(String dir) throws IOException {
    Path path = Path.of(dir);
    if (!Files.isDirectory(path)) {
      return false;
    }
    try (var children = Files.list(path)) {
      return children.findAny().isPresent();
    }
  }

  /**
   * Copies the image's directory into the volume with owners, modes and times, and gives the
   * volume's root the directory's owner and mode, as Docker's {@code copyExistingContents} does.
   */
  private static void copyContent(Path from, Path to) throws IOException {
    copyOwnerAndMode(from, to);
    Files.walkFileTree(from, new Copier(from, to));
  }

  /** Copies a tree; a named class, loaded before pivot_root(2) like every class used after it. */
  static final class Copier extends SimpleFileVisitor<Path> {
    private final Path from;
    private final Path to;

    Copier(Path from, Path to) {
      this.from = from;
      this.to = to;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
        throws IOException {
      if (!dir.equals(from)) {
        Path target = to.resolve(from.relativize(dir).toString());
        Files.copy(dir, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        copyOwnerAndMode(dir, target);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      Path target = to.resolve(from.relativize(file).toString());
      Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isSymbolicLink()) {
        copyOwnerAndMode(file, target);
      }
      return FileVisitResult.CONTINUE;
    }
  }

  private static void copyOwnerAndMode(Path from, Path to) throws IOException {
    int uid = (Integer) Files.getAttribute(from, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int gid = (Integer) Files.getAttribute(from, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) Files.getAttribute(from, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    Linux.chown(to.toString(), uid, gid);
    Linux.chmod(to.toString(), mode & 07777);
  }
}
