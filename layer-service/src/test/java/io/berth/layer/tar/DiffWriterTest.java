package io.berth.layer.tar;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.layer.fs.FileStat;
import io.berth.layer.fs.FileSystemOps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffWriterTest {

  private static final FileTime TIME = FileTime.fromMillis(1_700_000_000_000L);

  @TempDir Path temp;

  @BeforeAll
  static void needsRoot() {
    Root.assumeRoot();
  }

  /** An upper directory as overlay leaves it: files, links, a whiteout, an opaque directory. */
  private Path upper(String name, boolean reverseOrder) throws IOException {
    Path root = Files.createDirectory(temp.resolve(name));
    List<Runnable> steps = new ArrayList<>();
    steps.add(() -> write(root.resolve("b.txt"), "bee"));
    steps.add(() -> write(root.resolve("a.txt"), "ay"));
    steps.add(
        () -> {
          try {
            Files.createDirectories(root.resolve("dir/sub"));
            write(root.resolve("dir/sub/file"), "deep");
            Files.createSymbolicLink(root.resolve("dir/link"), Path.of("../a.txt"));
            FileSystemOps.mknod(root.resolve("dir/gone"), FileStat.S_IFCHR, 0, 0);
            Files.createDirectory(root.resolve("opaque"));
            write(root.resolve("opaque/only"), "1");
            FileSystemOps.lsetxattr(
                root.resolve("opaque"), "trusted.overlay.opaque", new byte[] {'y'});
            FileSystemOps.lsetxattr(
                root.resolve("opaque"), "trusted.overlay.origin", new byte[] {1, 2});
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    if (reverseOrder) {
      java.util.Collections.reverse(steps);
    }
    steps.forEach(Runnable::run);
    FileSystemOps.lsetxattr(root.resolve("b.txt"), "user.note", new byte[] {0, -1, 7});
    Files.createLink(root.resolve("hard"), root.resolve("b.txt"));
    FileSystemOps.lchown(root.resolve("a.txt"), 1000, 2000); // before chmod: chown clears setuid
    FileSystemOps.chmod(root.resolve("a.txt"), 04750);
    fixTimes(root);
    return root;
  }

  private static void fixTimes(Path root) throws IOException {
    List<Path> all;
    try (var walk = Files.walk(root)) {
      all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      FileSystemOps.utimensat(p, TIME, TIME);
    }
  }

  private static void write(Path path, String content) {
    try {
      Files.writeString(path, content);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theSameDirectoryTwiceGivesTheSameDigest() throws IOException {
    Path dir = upper("one", false);
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    DiffResult a = DiffWriter.write(dir, first);
    DiffResult b = DiffWriter.write(dir, new ByteArrayOutputStream());

    assertThat(b).isEqualTo(a);
    assertThat(a.size()).isEqualTo(first.size());
    assertThat(a.diffId())
        .isEqualTo(
            "sha256:" + HexFormat.of().formatHex(LayerUnpackerTest.sha256(first.toByteArray())));
  }

  @Test
  void twoDirectoriesMadeSeparatelyWithEqualContentGiveTheSameDigest() throws IOException {
    DiffResult a = DiffWriter.write(upper("one", false), new ByteArrayOutputStream());
    DiffResult b = DiffWriter.write(upper("two", true), new ByteArrayOutputStream());

    assertThat(b.diffId()).isEqualTo(a.diffId());
  }

  @Test
  void writesSortedParentFirstEntriesWithOciWhiteoutsAndNumericOwners() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DiffWriter.write(upper("one", false), out);

    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        names.add(e.getName());
        assertThat(e.getUserName()).isEmpty();
        assertThat(e.getGroupName()).isEmpty();
        assertThat(e.getExtraPaxHeaders()).doesNotContainKey("SCHILY.xattr.trusted.overlay.origin");
        switch (e.getName()) {
          case "a.txt" -> {
            assertThat(e.getMode()).isEqualTo(04750);
            assertThat(e.getLongUserId()).isEqualTo(1000);
            assertThat(e.getLongGroupId()).isEqualTo(2000);
            assertThat(e.getModTime().getTime()).isEqualTo(TIME.toMillis());
          }
          case "hard" -> {
            assertThat(e.isLink()).isTrue();
            assertThat(e.getLinkName()).isEqualTo("b.txt");
          }
          case "dir/link" -> assertThat(e.getLinkName()).isEqualTo("../a.txt");
          case "dir/.wh.gone" -> assertThat(e.isFile()).isTrue();
          default -> {}
        }
      }
    }
    assertThat(names)
        .containsExactly(
            "a.txt",
            "b.txt",
            "dir/",
            "dir/.wh.gone",
            "dir/link",
            "dir/sub/",
            "dir/sub/file",
            "hard",
            "opaque/",
            "opaque/.wh..wh..opq",
            "opaque/only");
  }

  @Test
  void leavesOutTheEmptyMountPointsOfTheGeneratedEtcFiles() throws IOException {
    Path root = Files.createDirectory(temp.resolve("mounts"));
    Files.createDirectories(root.resolve("etc"));
    Files.createFile(root.resolve("etc/hostname"));
    Files.createFile(root.resolve("etc/hosts"));
    Files.createFile(root.resolve("etc/resolv.conf"));
    write(root.resolve("etc/motd"), "hi");
    Files.createDirectories(root.resolve("sub/etc"));
    Files.createFile(root.resolve("sub/etc/hosts"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DiffWriter.write(root, out);

    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names).containsExactly("etc/", "etc/motd", "sub/", "sub/etc/", "sub/etc/hosts");
  }

  @Test
  void roundTripThroughTheUnpackerReproducesTheTree() throws IOException {
    Path original = upper("one", false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DiffWriter.write(original, out);
    Path copy = Files.createDirectory(temp.resolve("copy"));

    new LayerUnpacker(UnpackOptions.defaults())
        .unpack(new ByteArrayInputStream(out.toByteArray()), copy);

    assertThat(TreeDigest.of(copy)).isEqualTo(TreeDigest.of(original));
    assertThat(FileSystemOps.lstat(copy.resolve("dir/gone")).isOverlayWhiteout()).isTrue();
    assertThat(FileSystemOps.lgetxattr(copy.resolve("opaque"), "trusted.overlay.opaque"))
        .hasValueSatisfying(v -> assertThat(v).containsExactly('y'));
    assertThat(FileSystemOps.lgetxattr(copy.resolve("b.txt"), "user.note"))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(0, -1, 7));
    assertThat(FileSystemOps.lstat(copy.resolve("hard")).ino())
        .isEqualTo(FileSystemOps.lstat(copy.resolve("b.txt")).ino());
    assertThat(Files.readString(copy.resolve("dir/sub/file"), StandardCharsets.UTF_8))
        .isEqualTo("deep");
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    assertThat(DiffWriter.write(copy, again).diffId())
        .isEqualTo(DiffWriter.write(original, new ByteArrayOutputStream()).diffId());
  }
}
