package io.berth.gateway.docker;

import static io.berth.gateway.docker.Images.id;
import static io.berth.gateway.docker.Images.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.query.ImageSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageNamesTest {

  @Test
  void theReferenceFilterTriesFourForms() {
    assertThat(ImageNames.referenceForms("busybox:1.36"))
        .containsExactly(
            "busybox:1.36",
            "busybox",
            "docker.io/library/busybox:1.36",
            "docker.io/library/busybox");
    assertThat(ImageNames.referenceForms("team/app:1.0"))
        .containsExactly(
            "team/app:1.0", "team/app", "docker.io/team/app:1.0", "docker.io/team/app");
    assertThat(ImageNames.referenceForms("localhost:5000/app:1"))
        .containsExactly(
            "localhost:5000/app:1",
            "localhost:5000/app",
            "localhost:5000/app:1",
            "localhost:5000/app");
  }

  @Test
  void noSuchImageNamesTheReferenceWithItsTag() {
    assertThat(ImageNames.noSuchImage("busybox")).isEqualTo("No such image: busybox:latest");
    assertThat(ImageNames.noSuchImage("docker.io/library/busybox:1"))
        .isEqualTo("No such image: busybox:1");
    assertThat(ImageNames.noSuchImage("a".repeat(64)))
        .isEqualTo("No such image: sha256:" + "a".repeat(64));
    assertThat(ImageNames.noSuchImage("Bad Name")).isEqualTo("No such image: Bad Name");
  }

  @Test
  void resolvesByIdReferenceOrUniquePrefix() {
    List<ImageSummary> images =
        List.of(image('a', 1, "busybox:latest"), image('b', 2, "app:1"), image('c', 3));

    assertThat(ImageNames.resolve(images, id('c')).imageId()).isEqualTo(id('c'));
    assertThat(ImageNames.resolve(images, "c".repeat(64)).imageId()).isEqualTo(id('c'));
    assertThat(ImageNames.resolve(images, "busybox").imageId()).isEqualTo(id('a'));
    assertThat(ImageNames.resolve(images, "docker.io/library/busybox:latest").imageId())
        .isEqualTo(id('a'));
    assertThat(ImageNames.resolve(images, "bbbb").imageId()).isEqualTo(id('b'));
    assertThat(ImageNames.resolve(images, "sha256:cc").imageId()).isEqualTo(id('c'));
    assertThatThrownBy(() -> ImageNames.resolve(images, "app:2"))
        .hasMessage("No such image: app:2");
  }
}
