package io.berth.layer.copy;

import static io.berth.layer.copy.Copies.copy;
import static io.berth.layer.copy.Copies.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where a copied file lands, as Docker's classic builder decides it. */
class DestinationTest {

  private static final byte[] CONTEXT =
      new Tars().file("a.txt", "a\n").file("b.txt", "b\n").build();

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
  void aTrailingSlashMakesTheDestinationADirectoryCreatedAsRoot0755() throws Exception {
    var layer =
        entries(copies.fromContext(copy(List.of("a.txt"), "/app/"), Copies.scratch(), CONTEXT));
    assertThat(layer).containsOnlyKeys("app/", "app/a.txt");
    var app = layer.get("app/").header();
    assertThat(app.getMode() & 07777).isEqualTo(0755);
    assertThat(app.getLongUserId()).isZero();
    assertThat(app.getModTime().getTime()).isZero();
    var file = layer.get("app/a.txt").header();
    assertThat(file.getMode() & 07777).isEqualTo(0644);
    assertThat(file.getModTime().getTime()).isEqualTo(Tars.MTIME * 1000);
    assertThat(layer.get("app/a.txt").content()).isEqualTo("a\n");
  }

  @Test
  void aSingleFileToAPathWithoutSlashIsWrittenUnderThatName() throws Exception {
    var layer =
        entries(
            copies.fromContext(copy(List.of("a.txt"), "/etc/renamed"), Copies.scratch(), CONTEXT));
    assertThat(layer).containsOnlyKeys("etc/", "etc/renamed");
  }

  @Test
  void aDirectoryOfTheParentImageTakesTheFileInsideAndKeepsItsOwnMetadata() throws Exception {
    ImageRoot parent = copies.image(new Tars().dir("srv", 0750).build());
    var layer = entries(copies.fromContext(copy(List.of("a.txt"), "/srv"), parent, CONTEXT));
    assertThat(layer).containsOnlyKeys("srv/", "srv/a.txt");
    assertThat(layer.get("srv/").header().getMode() & 07777).isEqualTo(0750);
    assertThat(layer.get("srv/").header().getLongUserId()).isEqualTo(501);
    assertThat(layer.get("srv/").header().getModTime().getTime()).isEqualTo(Tars.MTIME * 1000);
  }

  @Test
  void aRelativeDestinationIsTakenFromTheWorkingDirectory() throws Exception {
    var layer =
        entries(
            copies.fromContext(
                copy(List.of("a.txt"), List.of(), "sub/", "/work/dir", null, false),
                Copies.scratch(),
                CONTEXT));
    assertThat(layer.keySet())
        .containsExactly("work/", "work/dir/", "work/dir/sub/", "work/dir/sub/a.txt");

    ImageRoot parent = copies.image(new Tars().dir("app", 0755).build());
    var dot =
        entries(
            copies.fromContext(
                copy(List.of("a.txt"), List.of(), ".", "/app", null, false), parent, CONTEXT));
    assertThat(dot).containsOnlyKeys("app/", "app/a.txt");
  }

  @Test
  void severalSourcesMakeTheDestinationADirectory() throws Exception {
    var layer =
        entries(
            copies.fromContext(copy(List.of("a.txt", "b.txt"), "/out"), Copies.scratch(), CONTEXT));
    assertThat(layer.keySet()).containsExactly("out/", "out/a.txt", "out/b.txt");
  }

  @Test
  void linksOnTheDestinationAreFollowedInsideTheParentImageOnly() throws Exception {
    ImageRoot parent =
        copies.image(
            new Tars()
                .dir("usr", 0755)
                .dir("usr/local", 0755)
                .symlink("opt", "/usr/local")
                .symlink("evil", "../../../../tmp")
                .build());
    var viaLink = entries(copies.fromContext(copy(List.of("a.txt"), "/opt/x/"), parent, CONTEXT));
    assertThat(viaLink.keySet())
        .containsExactly("usr/", "usr/local/", "usr/local/x/", "usr/local/x/a.txt");

    var escaping = entries(copies.fromContext(copy(List.of("a.txt"), "/evil/"), parent, CONTEXT));
    assertThat(escaping.keySet()).containsExactly("tmp/", "tmp/a.txt");
  }

  @Test
  void aFileOnTheWayIsNoDirectory() {
    assertThatThrownBy(
            () ->
                copies.fromContext(
                    copy(List.of("a.txt"), "/etc/hostname/x"),
                    copies.image(new Tars().dir("etc", 0755).file("etc/hostname", "h\n").build()),
                    CONTEXT))
        .isInstanceOfSatisfying(
            LayerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage("cannot copy to /etc/hostname: not a directory");
  }

  @Test
  void destinationsAreReadAsDockerNormalisesThem() {
    assertThat(Destination.of("x", "/a/b", false)).isEqualTo(new Destination("a/b/x", false));
    assertThat(Destination.of("../../../x/", "/a", false)).isEqualTo(new Destination("x", true));
    assertThat(Destination.of("/abs//y/./", "/ignored", false))
        .isEqualTo(new Destination("abs/y", true));
    assertThat(Destination.of("/", "/w", false)).isEqualTo(new Destination("", true));
    assertThat(Destination.of("/f", "/w", true)).isEqualTo(new Destination("f", true));
  }
}
