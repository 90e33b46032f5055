package io.berth.layer.tar;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.layer.fs.OverlayMount;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacked layers work as real overlayfs lowers, and a real upper becomes the right diff. */
class OverlayLowerIT {

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
  void unpackedWhiteoutsAndOpaqueDirectoriesHideLowerContent() throws IOException {
    Path base =
        layer(
            "base",
            new TarBuilder()
                .directory("etc", 0755)
                .file("etc/passwd", "root")
                .file("etc/hosts", "localhost")
                .directory("cache", 0755)
                .file("cache/old", "old"));
    Path top =
        layer(
            "top",
            new TarBuilder()
                .directory("etc", 0755)
                .file("etc/.wh.hosts", "")
                .directory("cache", 0755)
                .file("cache/.wh..wh..opq", "")
                .file("cache/new", "new"));
    Path merged = Files.createDirectory(temp.resolve("merged"));

    try (OverlayMount mount = OverlayMount.mount(List.of(top, base), null, null, merged)) {
      assertThat(TreeDigest.listing(mount.target()))
          .containsExactly("cache", "cache/new", "etc", "etc/passwd");
      assertThat(Files.readString(merged.resolve("etc/passwd"))).isEqualTo("root");
    }
    assertThat(TreeDigest.listing(merged)).isEmpty();
  }

  @Test
  void aRealUpperDirectoryBecomesALayerWithOciWhiteouts() throws IOException {
    Path base =
        layer(
            "base",
            new TarBuilder()
                .directory("etc", 0755)
                .file("etc/hosts", "localhost")
                .directory("cache", 0755)
                .file("cache/old", "old"));
    Path upper = Files.createDirectory(temp.resolve("upper"));
    Path work = Files.createDirectory(temp.resolve("work"));
    Path merged = Files.createDirectory(temp.resolve("merged"));

    try (OverlayMount mount = OverlayMount.mount(List.of(base), upper, work, merged)) {
      Files.delete(merged.resolve("etc/hosts"));
      TargetTree.deleteTree(merged.resolve("cache"));
      Files.createDirectory(merged.resolve("cache"));
      Files.writeString(merged.resolve("cache/new"), "new");
    }
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    DiffWriter.write(upper, tar);

    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names)
        .containsExactly("cache/", "cache/.wh..wh..opq", "cache/new", "etc/", "etc/.wh.hosts");
  }
}
