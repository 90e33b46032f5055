package io.berth.layer.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.layer.fs.FileStat;
import io.berth.layer.fs.FileSystemOps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries whose path goes through a symbolic link the layer created land where the link points,
 * resolved inside the target as Docker does (hostile links are in {@link UnsafeArchiveTest}).
 */
class SymlinkScopeTest {

  @TempDir Path temp;
  private Path target;

  // owners need root; what is tested here does not
  private final LayerUnpacker unpacker =
      new LayerUnpacker(UnpackOptions.defaults().withPreserveOwners(false));

  @BeforeEach
  void createTarget() throws IOException {
    target = Files.createDirectory(temp.resolve("target"));
  }

  private void unpack(TarBuilder tar) throws IOException {
    unpacker.unpack(new ByteArrayInputStream(tar.build()), target);
  }

  /**
   * {@code l1 -> l2 -> ... -> l<links> -> d}, where {@code d} is a directory: {@code links} hops.
   */
  static TarBuilder chain(int links) {
    TarBuilder tar = new TarBuilder().directory("d", 0755);
    for (int i = 1; i < links; i++) {
      tar.symlink("l" + i, "l" + (i + 1));
    }
    return tar.symlink("l" + links, "d");
  }

  @Test
  void relativeLinkToADirectoryIsFollowedInsideTheTarget() throws IOException {
    unpack(
        new TarBuilder()
            .directory("usr/lib", 0755)
            .symlink("lib", "usr/lib")
            .file("lib/x", "through the link"));

    assertThat(Files.readString(target.resolve("usr/lib/x"))).isEqualTo("through the link");
    assertThat(Files.readSymbolicLink(target.resolve("lib"))).hasToString("usr/lib");
    assertThat(TreeDigest.listing(target)).containsExactly("lib", "usr", "usr/lib", "usr/lib/x");
  }

  @Test
  void absoluteLinkIsFollowedFromTheTargetRootAndCreatesWhatIsMissing() throws IOException {
    unpack(
        new TarBuilder()
            .symlink("bin", "/usr/bin")
            .file("bin/sh", "#!")
            .directory("usr", 0755)
            .directory("usr/bin", 0700)
            .file("usr/bin/ls", "ls"));

    assertThat(Files.readSymbolicLink(target.resolve("bin"))).hasToString("/usr/bin");
    assertThat(Files.readString(target.resolve("usr/bin/sh"))).isEqualTo("#!");
    assertThat(FileSystemOps.lstat(target.resolve("usr/bin")).permissions())
        .as("the later directory entry merges with the one made for bin/sh")
        .isEqualTo(0700);
    assertThat(TreeDigest.listing(target))
        .containsExactly("bin", "usr", "usr/bin", "usr/bin/ls", "usr/bin/sh");
  }

  @Test
  void chainOfLinksResolvesForEveryKindOfEntry() throws IOException {
    unpack(
        new TarBuilder()
            .directory("real", 0755)
            .symlink("c/link", "../real")
            .symlink("b", "c/link")
            .symlink("a", "/b")
            .file("a/file", "end of the chain")
            .hardLink("hard", "a/file")
            .symlink("a/lnk", "file")
            .directory("a/sub", 0750)
            .file("a/sub/deeper", "x"));

    Path real = target.resolve("real");
    assertThat(Files.readString(real.resolve("file"))).isEqualTo("end of the chain");
    assertThat(FileSystemOps.lstat(target.resolve("hard")).ino())
        .isEqualTo(FileSystemOps.lstat(real.resolve("file")).ino());
    assertThat(Files.readSymbolicLink(real.resolve("lnk"))).hasToString("file");
    assertThat(FileSystemOps.lstat(real.resolve("sub")).permissions()).isEqualTo(0750);
    assertThat(TreeDigest.listing(real)).containsExactly("file", "lnk", "sub", "sub/deeper");
  }

  @Test
  void chainAtTheHopLimitResolves() throws IOException {
    unpack(chain(SymlinkScope.MAX_LINK_HOPS).file("l1/x", "255 hops"));

    assertThat(Files.readString(target.resolve("d/x"))).isEqualTo("255 hops");
  }

  @Test
  void dotDotInALinkClimbsFromWhereTheLinkPoints() throws IOException {
    unpack(
        new TarBuilder()
            .directory("x/y", 0755)
            .symlink("l", "x/y")
            .symlink("m", "l/../z")
            .file("m/f", "in x/z, as the kernel would put it"));

    assertThat(Files.readString(target.resolve("x/z/f"))).startsWith("in x/z");
    assertThat(target.resolve("z")).doesNotExist();
  }

  @Test
  void lastComponentIsNeverFollowed() throws IOException {
    unpack(
        new TarBuilder()
            .file("usr/lib/keep", "kept")
            .symlink("lib", "usr/lib")
            .directory("lib", 0755)
            .file("lib/own", "in the new directory")
            .symlink("sh", "usr/lib/keep")
            .file("sh", "replaces the link"));

    assertThat(FileSystemOps.lstat(target.resolve("lib")).isDirectory()).isTrue();
    assertThat(TreeDigest.listing(target.resolve("lib"))).containsExactly("own");
    assertThat(FileSystemOps.lstat(target.resolve("sh")).isRegularFile()).isTrue();
    assertThat(Files.readString(target.resolve("usr/lib/keep"))).isEqualTo("kept");
  }

  @Test
  void linkToAFileIsNotADirectory() {
    TarBuilder tar = new TarBuilder().file("f", "a file").symlink("l", "f").file("l/x", "never");

    assertThatThrownBy(() -> unpack(tar))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("'l/x'")
        .hasMessageContaining("not a directory");
  }

  @Test
  void whiteoutsAndOpaqueMarkersUnderALinkApplyWhereItPoints() throws IOException {
    Root.assumeRoot();
    unpack(
        new TarBuilder()
            .directory("usr/lib", 0755)
            .symlink("lib", "usr/lib")
            .file("lib/.wh.old", "")
            .file("lib/.wh..wh..opq", ""));

    FileStat old = FileSystemOps.lstat(target.resolve("usr/lib/old"));
    assertThat(old.isOverlayWhiteout()).isTrue();
    assertThat(FileSystemOps.lgetxattr(target.resolve("usr/lib"), "trusted.overlay.opaque"))
        .hasValueSatisfying(v -> assertThat(v).containsExactly('y'));
    assertThat(FileSystemOps.lstat(target.resolve("lib")).isSymbolicLink()).isTrue();
  }
}
