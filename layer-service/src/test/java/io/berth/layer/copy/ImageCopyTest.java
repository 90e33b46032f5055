package io.berth.layer.copy;

import static io.berth.layer.copy.Copies.copyFrom;
import static io.berth.layer.copy.Copies.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code COPY --from}: an image's files read through its layers, whiteouts honoured. */
class ImageCopyTest {

  private static Copies copies;
  private static ImageRoot stage;

  @BeforeAll
  static void image() throws Exception {
    copies = new Copies();
    stage =
        copies.image(
            new Tars()
                .dir("bin", 0755)
                .file("bin/a.sh", "a\n".getBytes(StandardCharsets.UTF_8), 0755, 10, 11)
                .file("bin/b.sh", "b\n")
                .file("bin/c.txt", "c\n")
                .dir("etc", 0755)
                .file("etc/secret", "old\n")
                .dir("etc/sub", 0755)
                .file("etc/sub/kept", "kept\n")
                .build(),
            new Tars()
                .file("bin/.wh.b.sh", "")
                .file("bin/d.sh", "d\n".getBytes(StandardCharsets.UTF_8), 0700, 7, 8)
                .file("etc/.wh..wh..opq", "")
                .file("etc/new", "new\n")
                .symlink("link", "/bin")
                .symlink("loop", "loop")
                .build());
  }

  @AfterAll
  static void close() throws Exception {
    copies.close();
  }

  @Test
  void aGlobMatchesThroughTheLayersAndOwnersAreKeptWithoutChown() throws Exception {
    var layer =
        entries(
            copies.fromImage(
                copyFrom(List.of("/bin/*.sh"), "/tools/", null), Copies.scratch(), stage));
    assertThat(layer.keySet()).containsExactly("tools/", "tools/a.sh", "tools/d.sh");
    assertThat(layer.get("tools/a.sh").header().getLongUserId()).isEqualTo(10);
    assertThat(layer.get("tools/d.sh").header().getLongUserId()).isEqualTo(7);
    assertThat(layer.get("tools/d.sh").header().getMode() & 07777).isEqualTo(0700);
    assertThat(layer.get("tools/d.sh").content()).isEqualTo("d\n");
  }

  @Test
  void anOpaqueDirectoryHidesWhatIsBelowAndChownAppliesToAll() throws Exception {
    var layer =
        entries(
            copies.fromImage(copyFrom(List.of("/etc"), "/copy", "5:6"), Copies.scratch(), stage));
    assertThat(layer.keySet()).containsExactly("copy/", "copy/new");
    assertThat(layer.get("copy/new").header().getLongUserId()).isEqualTo(5);
    assertThat(layer.get("copy/").header().getLongGroupId()).isEqualTo(6);
  }

  @Test
  void linksInTheSourceImageResolveInsideIt() throws Exception {
    var layer =
        entries(
            copies.fromImage(
                copyFrom(List.of("link/c.txt"), "/x.txt", null), Copies.scratch(), stage));
    assertThat(layer.keySet()).containsExactly("x.txt");
    assertThat(layer.get("x.txt").content()).isEqualTo("c\n");
  }

  @Test
  void missingSourcesFailAsDockerSaysIt() {
    assertThatThrownBy(
            () ->
                copies.fromImage(
                    copyFrom(List.of("/bin/b.sh"), "/x", null), Copies.scratch(), stage))
        .isInstanceOfSatisfying(
            LayerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessage("COPY failed: stat bin/b.sh: file does not exist");
    assertThatThrownBy(
            () -> copies.fromImage(copyFrom(List.of("/no*"), "/x", null), Copies.scratch(), stage))
        .hasMessage("COPY failed: no source files were specified");
    assertThatThrownBy(
            () -> copies.fromImage(copyFrom(List.of("/loop"), "/x", null), Copies.scratch(), stage))
        .hasMessageContaining("too many levels of symbolic links");
  }
}
