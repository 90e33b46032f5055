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

/** {@code --chown}: names from the parent image, and which directories get the owner. */
class OwnerTest {

  private static final byte[] CONTEXT =
      new Tars().file("a.txt", "a\n").dir("d", 0755).file("d/x", "x\n").build();

  private Copies copies;
  private ImageRoot parent;

  @BeforeEach
  void setUp() throws Exception {
    copies = new Copies();
    parent =
        copies.image(
            new Tars()
                .dir("etc", 0755)
                .file(
                    "etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n")
                .file("etc/group", "root:x:0:\n  app:x:1001:\nstaff:x:50:app\n")
                .dir("srv", 0755)
                .build(),
            new Tars().dir("shadow", 0755).symlink("etc/passwd", "/shadow/passwd").build(),
            new Tars()
                .file("shadow/passwd", "root:x:0:0::/:/bin/sh\napp:x:2000:2000::/:/bin/sh\n")
                .build());
  }

  @AfterEach
  void tearDown() throws Exception {
    copies.close();
  }

  @Test
  void namesAreLookedUpInTheParentImageAndALoneUserNamesTheGroupToo() throws Exception {
    assertThat(Owner.resolve("app", parent))
        .as("/etc/passwd is a link, followed inside the image; the group 'app' is 1001")
        .isEqualTo(new Owner(2000, 1001));
    assertThat(Owner.resolve("app:staff", parent)).isEqualTo(new Owner(2000, 50));
    assertThat(Owner.resolve("42:43", Copies.scratch())).isEqualTo(new Owner(42, 43));
    assertThat(Owner.resolve("7", Copies.scratch())).isEqualTo(new Owner(7, 7));
  }

  @Test
  void unknownNamesAndBadValuesFailAsDockerSaysIt() {
    assertThatThrownBy(() -> Owner.resolve("nobody2", parent))
        .isInstanceOfSatisfying(
            LayerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage("can't find uid for user nobody2: no such user: nobody2");
    assertThatThrownBy(() -> Owner.resolve("app:wheel", parent))
        .hasMessage("can't find gid for group wheel: no such group: wheel");
    assertThatThrownBy(() -> Owner.resolve("app", Copies.scratch()))
        .hasMessage("can't find uid for user app: open /etc/passwd: no such file or directory");
    assertThatThrownBy(() -> Owner.resolve("a:b:c", parent))
        .hasMessage("invalid chown string format: a:b:c");
    assertThatThrownBy(
            () ->
                copies.fromContext(
                    copy(List.of("a.txt"), List.of(), "/x", "/", "nobody2", false),
                    parent,
                    CONTEXT))
        .hasMessage(
            "unable to convert uid/gid chown string to host mapping:"
                + " can't find uid for user nobody2: no such user: nobody2");
  }

  @Test
  void aCopiedFileAndTheDirectoriesMadeForItGetTheOwner() throws Exception {
    var layer =
        entries(
            copies.fromContext(
                copy(List.of("a.txt"), List.of(), "/srv/new/deep/", "/", "app", false),
                parent,
                CONTEXT));
    assertThat(layer.keySet())
        .containsExactly("srv/", "srv/new/", "srv/new/deep/", "srv/new/deep/a.txt");
    assertThat(layer.get("srv/").header().getLongUserId()).as("existing: untouched").isEqualTo(501);
    assertThat(layer.get("srv/new/").header().getLongUserId()).isEqualTo(2000);
    assertThat(layer.get("srv/new/deep/").header().getLongGroupId()).isEqualTo(1001);
    assertThat(layer.get("srv/new/deep/a.txt").header().getLongUserId()).isEqualTo(2000);
  }

  @Test
  void aCopiedDirectoryGivesTheOwnerToANewDestinationButNotToItsNewParents() throws Exception {
    var layer =
        entries(
            copies.fromContext(
                copy(List.of("d"), List.of(), "/top/dest", "/", "42:43", false),
                Copies.scratch(),
                CONTEXT));
    assertThat(layer.keySet()).containsExactly("top/", "top/dest/", "top/dest/x");
    assertThat(layer.get("top/").header().getLongUserId()).isZero();
    assertThat(layer.get("top/dest/").header().getLongUserId()).isEqualTo(42);
    assertThat(layer.get("top/dest/x").header().getLongGroupId()).isEqualTo(43);

    var existing =
        entries(
            copies.fromContext(
                copy(List.of("d"), List.of(), "/srv", "/", "42:43", false), parent, CONTEXT));
    assertThat(existing.get("srv/").header().getLongUserId()).isEqualTo(501);
    assertThat(existing.get("srv/x").header().getLongUserId()).isEqualTo(42);
  }
}
