package io.berth.gateway.docker;

import static io.berth.gateway.docker.Images.id;
import static io.berth.gateway.docker.Images.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.query.ContainerSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskUsageTest {

  private static ContainerSummary container(String name, String image, String imageId) {
    return new ContainerSummary(
        name.repeat(64).substring(0, 64),
        name,
        image,
        imageId,
        "sh",
        Instant.EPOCH,
        "exited",
        Map.of(),
        null,
        null,
        null);
  }

  @Test
  void everyPartWithoutTypeOrBeforeApi142() {
    assertThat(DiskUsage.parts(null, "1.44"))
        .containsExactlyInAnyOrder("container", "image", "volume", "build-cache");
    assertThat(DiskUsage.parts(List.of("image"), "1.41")).hasSize(4);
  }

  @Test
  void typeNarrowsThePartsAndAnUnknownOneIsRefused() {
    assertThat(DiskUsage.parts(List.of("image", "container"), "1.44"))
        .containsExactly("image", "container");
    assertThatThrownBy(() -> DiskUsage.parts(List.of("disk"), "1.44"))
        .hasMessage("unknown object type: disk");
  }

  @Test
  void containersCountByImageIdOrByReference() {
    List<ContainerSummary> containers =
        List.of(
            container("a", "busybox", id('a')),
            container("b", "busybox:latest", null),
            container("c", null, null),
            container("d", "other", id('b')));

    assertThat(DiskUsage.containersOf(image('a', 1, "busybox:latest"), containers)).isEqualTo(2);
    assertThat(DiskUsage.containersOf(image('c', 1), containers)).isZero();
  }
}
