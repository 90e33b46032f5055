package io.berth.layer.tar;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.layer.fs.FileSystemOps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlattenerTest {

  @TempDir Path temp;

  @BeforeAll
  static void needsRoot() {
    Root.assumeRoot();
  }

  private Path layer(String name, TarBuilder tar) throws IOException {
    Path dir = Files.createDirectory(temp.resolve(name));
    new LayerUnpacker(UnpackOptions.defaults()).unpack(new ByteArrayInputStream(tar.build()), dir);
    return dir;
  }

  @Test
  void materialisesTheMergedViewOfTheChain() throws IOException {
    List<Path> chain = new ArrayList<>();
    chain.add(
        layer(
            "l0",
            new TarBuilder()
                .directory("etc", 0755)
                .file("etc/passwd", "root")
                .file("etc/hosts", "localhost")
                .directory("cache", 0755)
                .file("cache/a", "a")
                .directory("cache/deep", 0755)
                .file("cache/deep/b", "b")
                .file("becomes-dir", "file")
                .directory("becomes-file", 0755)
                .file("becomes-file/x", "x")));
    chain.add(
        layer(
            "l1",
            new TarBuilder()
                .directory("etc", 0700)
                .file("etc/.wh.hosts", "")
                .file("etc/passwd", "root,user")
                .directory("cache", 0755)
                .file("cache/.wh..wh..opq", "")
                .file("cache/fresh", "new")
                .directory("becomes-dir", 0755)
                .file("becomes-dir/y", "y")
                .file("becomes-file", "now a file")
                .symlink("link", "etc/passwd")
                .device(
                    "fifo", org.apache.commons.compress.archivers.tar.TarConstants.LF_FIFO, 0, 0)));
    chain.add(layer("l2", new TarBuilder().file(".wh.fifo", "").file("top", "t")));
    Path flat = Files.createDirectory(temp.resolve("flat"));

    Flattener.flatten(chain, flat);

    assertThat(TreeDigest.listing(flat))
        .containsExactly(
            "becomes-dir",
            "becomes-dir/y",
            "becomes-file",
            "cache",
            "cache/fresh",
            "etc",
            "etc/passwd",
            "link",
            "top");
    assertThat(Files.readString(flat.resolve("etc/passwd"))).isEqualTo("root,user");
    assertThat(Files.readString(flat.resolve("becomes-file"))).isEqualTo("now a file");
    assertThat(FileSystemOps.lstat(flat.resolve("etc")).permissions())
        .as("directory metadata of the topmost layer")
        .isEqualTo(0700);
    assertThat(FileSystemOps.lgetxattr(flat.resolve("cache"), "trusted.overlay.opaque")).isEmpty();
    assertThat(FileSystemOps.lstat(flat.resolve("top")).ino())
        .as("regular files are hard links, not copies")
        .isEqualTo(FileSystemOps.lstat(chain.get(2).resolve("top")).ino());
    assertThat(Files.readSymbolicLink(flat.resolve("link"))).hasToString("etc/passwd");
    assertThat(FileSystemOps.lstat(flat.resolve("link")).lastModifiedTime())
        .isEqualTo(FileSystemOps.lstat(chain.get(1).resolve("link")).lastModifiedTime());
  }
}
