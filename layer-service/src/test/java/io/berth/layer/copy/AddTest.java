package io.berth.layer.copy;

import static io.berth.layer.copy.Copies.copy;
import static io.berth.layer.copy.Copies.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ADD} of local archives: unpacked when the content is a tar, copied otherwise. */
class AddTest {

  private static final byte[] ARCHIVE =
      Tars.gzip(
          new Tars()
              .dir("bin", 0755)
              .file("bin/tool", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0755, 1000, 1000)
              .symlink("lib", "bin")
              .build());

  private static final byte[] NOT_A_TAR = Tars.gzip("just text\n".getBytes(StandardCharsets.UTF_8));

  private static final byte[] CONTEXT =
      new Tars()
          .file("app.tar.gz", ARCHIVE, 0644, 0, 0)
          .file("notes.txt.gz", NOT_A_TAR, 0644, 0, 0)
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
  void aGzippedTarIsUnpackedIntoTheDestinationKeepingItsOwners() throws Exception {
    var layer =
        entries(
            copies.fromContext(
                copy(List.of("app.tar.gz"), List.of(), "/opt", "/", "4242", true),
                Copies.scratch(),
                CONTEXT));
    assertThat(layer.keySet()).containsExactly("opt/", "opt/bin/", "opt/bin/tool", "opt/lib");
    assertThat(layer.get("opt/").header().getLongUserId()).isZero();
    assertThat(layer.get("opt/bin/tool").header().getLongUserId())
        .as("ADD keeps an archive's owners, --chown or not, as Docker's classic builder")
        .isEqualTo(1000);
    assertThat(layer.get("opt/bin/tool").header().getMode() & 07777).isEqualTo(0755);
    assertThat(layer.get("opt/bin/tool").content()).isEqualTo("#!/bin/sh\n");
    assertThat(layer.get("opt/lib").header().getLinkName()).isEqualTo("bin");
  }

  @Test
  void aCompressedFileThatIsNoTarAndAnyArchiveCopiedByCopyStayFiles() throws Exception {
    var added =
        entries(
            copies.fromContext(
                copy(List.of("notes.txt.gz"), List.of(), "/opt/", "/", null, true),
                Copies.scratch(),
                CONTEXT));
    assertThat(added.keySet()).containsExactly("opt/", "opt/notes.txt.gz");
    assertThat(added.get("opt/notes.txt.gz").header().getSize()).isEqualTo(NOT_A_TAR.length);

    var copied =
        entries(
            copies.fromContext(copy(List.of("app.tar.gz"), "/opt/"), Copies.scratch(), CONTEXT));
    assertThat(copied.keySet()).containsExactly("opt/", "opt/app.tar.gz");
    assertThat(copied.get("opt/app.tar.gz").header().getSize()).isEqualTo(ARCHIVE.length);
  }

  @Test
  void aDecompressionBombIsCutOffAtTheLimit() throws Exception {
    byte[] zeros = new byte[8 << 20];
    byte[] bomb = Tars.gzip(new Tars().file("zeros", zeros, 0644, 0, 0).build());
    byte[] context = new Tars().file("bomb.tar.gz", bomb, 0644, 0, 0).build();
    var request = copy(List.of("bomb.tar.gz"), List.of(), "/x/", "/", null, true);
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("berth-bomb");
    try (Spool spool = new Spool(dir.resolve("spool"))) {
      assertThatThrownBy(
              () ->
                  new LayerMaker(request, Copies.scratch(), spool, 1 << 20)
                      .fromContext(() -> new java.io.ByteArrayInputStream(context)))
          .isInstanceOfSatisfying(
              LayerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
          .hasMessageContaining("exceeds the limit of 1048576 bytes");
    } finally {
      java.nio.file.Files.deleteIfExists(dir);
    }
  }

  @Test
  void aHostileArchiveIsRefused() {
    byte[] hostile = new Tars().file("../../../root/.ssh/authorized_keys", "key\n").build();
    byte[] context = new Tars().file("evil.tar", hostile, 0644, 0, 0).build();
    assertThatThrownBy(
            () ->
                copies.fromContext(
                    copy(List.of("evil.tar"), List.of(), "/x/", "/", null, true),
                    Copies.scratch(),
                    context))
        .isInstanceOfSatisfying(
            LayerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageStartingWith(
            "ADD failed: unsafe tar entry '../../../root/.ssh/authorized_keys'");
  }
}
