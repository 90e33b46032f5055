package io.berth.layer.copy;

import static io.berth.layer.copy.Copies.copy;
import static io.berth.layer.copy.Copies.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Copies from a build context: what is copied, with which metadata, and what is refused. */
class ContextCopyTest {

  private static final byte[] CONTEXT =
      new Tars()
          .file("README", "read me\n")
          .dir("src", 0750)
          .file("src/main.c", "int main;\n")
          .dir("src/lib", 0700)
          .file("src/lib/x.c", "int x;\n")
          .symlink("src/current", "main.c")
          .file("src/secret", "s3cret\n")
          .build();

  private Copies copies;

  @BeforeEach
  void setUp() throws Exception {
    copies = new Copies();
  }

  @AfterEach
  void tearDown() throws Exception {
    copies.close();
  }

  @Test
  void aDirectoryCopiesItsContentsNotItselfWithModesAndTimesKeptAndOwnersRoot() throws Exception {
    var layer =
        entries(copies.fromContext(copy(List.of("src"), "/app/"), Copies.scratch(), CONTEXT));
    assertThat(layer.keySet())
        .containsExactly(
            "app/", "app/current", "app/lib/", "app/lib/x.c", "app/main.c", "app/secret");
    assertThat(layer.get("app/lib/").header().getMode() & 07777).isEqualTo(0700);
    assertThat(layer.get("app/lib/").header().getModTime().getTime()).isEqualTo(Tars.MTIME * 1000);
    assertThat(layer.get("app/current").header().isSymbolicLink()).isTrue();
    assertThat(layer.get("app/current").header().getLinkName()).isEqualTo("main.c");
    assertThat(layer.values())
        .allSatisfy(
            e -> {
              assertThat(e.header().getLongUserId()).isZero();
              assertThat(e.header().getLongGroupId()).isZero();
              assertThat(e.header().getUserName()).isEmpty();
            });
    assertThat(layer.get("app/").header().getMode() & 07777)
        .as("a new destination is made 0755, not given the source directory's mode")
        .isEqualTo(0755);
  }

  @Test
  void theContextRootCopiesEverythingButTheExcludedPathsAndWhatIsUnderThem() throws Exception {
    var layer =
        entries(
            copies.fromContext(
                copy(List.of("."), List.of("src/lib", "src/secret"), "/app", "/", null, false),
                Copies.scratch(),
                CONTEXT));
    assertThat(layer.keySet())
        .containsExactly("app/", "app/README", "app/src/", "app/src/current", "app/src/main.c");
    assertThat(layer.get("app/src/").header().getMode() & 07777).isEqualTo(0750);
  }

  @Test
  void aMissingOrExcludedSourceFailsWithDockersMessage() {
    assertThatThrownBy(
            () ->
                copies.fromContext(
                    copy(List.of("src/secret"), List.of("src/secret"), "/x", "/", null, false),
                    Copies.scratch(),
                    CONTEXT))
        .isInstanceOfSatisfying(
            LayerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessage(
            "COPY failed: file not found in build context or excluded by .dockerignore:"
                + " stat src/secret: file does not exist");
    assertThatThrownBy(
            () -> copies.fromContext(copy(List.of("./nope"), "/x"), Copies.scratch(), CONTEXT))
        .hasMessageEndingWith("stat nope: file does not exist");
  }

  @Test
  void theSameContextAlwaysMakesTheSameLayerWhateverItsCompression() throws Exception {
    var request = copy(List.of("README", "src"), List.of("src/secret"), "/app/", "/", null, false);
    byte[] first = copies.fromContext(request, Copies.scratch(), CONTEXT);
    try (Copies other = new Copies()) {
      assertThat(other.fromContext(request, Copies.scratch(), CONTEXT)).isEqualTo(first);
      assertThat(other.fromContext(request, Copies.scratch(), Tars.gzip(CONTEXT))).isEqualTo(first);
      assertThat(other.fromContext(request, Copies.scratch(), compress(CONTEXT, true)))
          .isEqualTo(first);
      assertThat(other.fromContext(request, Copies.scratch(), compress(CONTEXT, false)))
          .isEqualTo(first);
    }
    assertThat(entries(first))
        .containsKeys("app/README", "app/main.c")
        .doesNotContainKey("app/secret");
  }

  @Test
  void aHostileEntryInTheContextIsRefused() {
    byte[] hostile =
        new Tars().file("ok.txt", "fine\n").file("../../etc/cron.d/evil", "* * * * * x\n").build();
    assertThatThrownBy(
            () -> copies.fromContext(copy(List.of("ok.txt"), "/"), Copies.scratch(), hostile))
        .isInstanceOf(LayerException.class)
        .hasMessageContaining("unsafe tar entry '../../etc/cron.d/evil'")
        .hasMessageContaining("escapes");
  }

  @Test
  void hardLinksInACopiedDirectoryStayLinksToTheFirstName() throws Exception {
    byte[] context =
        new Tars().dir("d", 0755).file("d/b", "shared\n").hardLink("d/a", "d/b").build();
    var layer = entries(copies.fromContext(copy(List.of("d"), "/x/"), Copies.scratch(), context));
    assertThat(layer.keySet()).containsExactly("x/", "x/a", "x/b");
    assertThat(layer.get("x/a").content()).isEqualTo("shared\n");
    assertThat(layer.get("x/b").header().isLink()).isTrue();
    assertThat(layer.get("x/b").header().getLinkName()).isEqualTo("x/a");
  }

  @Test
  void aSourceThatIsALinkIsFollowedInsideTheContextEvenOutsideTheSources() throws Exception {
    byte[] context =
        new Tars()
            .dir("data", 0755)
            .file("data/f.txt", "far away\n")
            .symlink("link", "/../data")
            .symlink("one", "data/f.txt")
            .build();
    var dir = entries(copies.fromContext(copy(List.of("link"), "/d/"), Copies.scratch(), context));
    assertThat(dir.keySet()).containsExactly("d/", "d/f.txt");
    assertThat(dir.get("d/f.txt").content()).isEqualTo("far away\n");
    var file = entries(copies.fromContext(copy(List.of("one"), "/d/"), Copies.scratch(), context));
    assertThat(file.keySet()).as("named after the link").containsExactly("d/", "d/one");
    assertThat(file.get("d/one").content()).isEqualTo("far away\n");
  }

  private static byte[] compress(byte[] plain, boolean bzip2) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream c =
        bzip2 ? new BZip2CompressorOutputStream(out) : new XZCompressorOutputStream(out)) {
      c.write(plain);
    }
    return out.toByteArray();
  }
}
