package io.berth.container.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.container.files.FileChange.Kind;
import io.berth.container.linux.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker diff} on a real overlay mount: the kernel makes the upper directory (copy-ups,
 * whiteouts, opaque directories) from changes made through the merged view, as in a container.
 */
class FileChangesTest {

  @TempDir Path temp;

  @Test
  void listsAddedChangedAndDeletedPathsWithTheirParentsSortedByPath() throws Exception {
    RootOnly.assumeRoot();
    Path lower = temp.resolve("lower");
    write(lower, "etc/passwd", "root:x:0:0");
    write(lower, "etc/group", "root:x:0:");
    write(lower, "bin/sh", "#!");
    write(lower, "deleted", "bye");
    write(lower, "dir/old", "old");
    write(lower, "keep/x", "x");

    List<FileChange> changes =
        changesAfter(
            List.of(lower),
            root -> {
              Files.writeString(root.resolve("etc/passwd"), "root:x:0:0\nme:x:1:1\n");
              Files.writeString(root.resolve("added"), "new");
              Files.delete(root.resolve("deleted"));
              // rm -rf dir; mkdir dir: the kernel makes /dir opaque
              Files.delete(root.resolve("dir/old"));
              Files.delete(root.resolve("dir"));
              Files.createDirectory(root.resolve("dir"));
              Files.writeString(root.resolve("dir/new"), "n");
              Files.createDirectories(root.resolve("newdir"));
              Files.writeString(root.resolve("newdir/f"), "f");
            });

    assertThat(changes)
        .containsExactly(
            new FileChange("/added", Kind.ADDED),
            new FileChange("/deleted", Kind.DELETED),
            new FileChange("/dir", Kind.MODIFIED),
            new FileChange("/dir/new", Kind.ADDED),
            new FileChange("/etc", Kind.MODIFIED),
            new FileChange("/etc/passwd", Kind.MODIFIED),
            new FileChange("/newdir", Kind.ADDED),
            new FileChange("/newdir/f", Kind.ADDED));
  }

  @Test
  void aPathAnUpperLayerOfTheImageDeletedIsAddedAgain() throws Exception {
    RootOnly.assumeRoot();
    Path bottom = temp.resolve("bottom");
    write(bottom, "gone", "was here");
    write(bottom, "stays", "s");
    Path top = temp.resolve("top");
    Files.createDirectories(top);
    Linux.mknodChar(top.resolve("gone").toString(), 0, 0, 0); // the image's own whiteout

    List<FileChange> changes =
        changesAfter(
            List.of(top, bottom),
            root -> {
              Files.writeString(root.resolve("gone"), "back");
              Files.writeString(root.resolve("stays"), "changed");
            });

    assertThat(changes)
        .containsExactly(
            new FileChange("/gone", Kind.ADDED), new FileChange("/stays", Kind.MODIFIED));
  }

  @Test
  void anUntouchedContainerHasNoChangesNotEvenTheRuntimesMountPoints() throws Exception {
    RootOnly.assumeRoot();
    Path lower = temp.resolve("lower");
    write(lower, "etc/passwd", "root");

    List<FileChange> changes =
        changesAfter(
            List.of(lower),
            root -> {
              Files.readString(root.resolve("etc/passwd"));
              // what the launcher makes to mount the generated files on
              Files.createFile(root.resolve("etc/hostname"));
              Files.createFile(root.resolve("etc/hosts"));
              Files.createFile(root.resolve("etc/resolv.conf"));
            });

    assertThat(changes).isEmpty();
  }

  private interface Work {
    void run(Path root) throws IOException;
  }

  /** Mounts an overlay of the lower directories (top first), does the work in it, lists. */
  private List<FileChange> changesAfter(List<Path> lowers, Work work) throws IOException {
    Path upper = Files.createDirectories(temp.resolve("upper"));
    Path workDir = Files.createDirectories(temp.resolve("work"));
    Path merged = Files.createDirectories(temp.resolve("merged"));
    String lowerDirs = String.join(":", lowers.stream().map(Path::toString).toList());
    Linux.mount(
        "overlay",
        merged.toString(),
        "overlay",
        0,
        "lowerdir=" + lowerDirs + ",upperdir=" + upper + ",workdir=" + workDir);
    try {
      work.run(merged);
    } finally {
      Linux.umount2(merged.toString(), 0);
    }
    return FileChanges.of(upper, lowers);
  }

  private static void write(Path root, String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
