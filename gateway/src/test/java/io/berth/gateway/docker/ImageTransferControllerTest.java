package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageLoaded;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageTransferControllerTest {

  private static ImageDescriptor image(char letter, String... tags) {
    return new ImageDescriptor(
        "sha256:" + String.valueOf(letter).repeat(64),
        List.of(tags),
        null,
        List.of(),
        List.of(),
        null,
        0,
        Instant.EPOCH);
  }

  @Test
  void loadPrintsEachTagTheArchiveNamedOrTheIdOfAnUntaggedImage() {
    List<String> lines =
        ImageTransferController.loadedLines(
            new ImageLoaded(
                "sha256:" + "c".repeat(64),
                List.of(
                    image('a', "busybox:latest", "busybox:1.36", "busybox:kept-from-before"),
                    image('b')),
                List.of("busybox:latest", "busybox:1.36")));

    assertThat(String.join("", lines))
        .isEqualTo(
            "{\"stream\":\"Loaded image: busybox:latest\\n\"}\r\n"
                + "{\"stream\":\"Loaded image: busybox:1.36\\n\"}\r\n"
                + "{\"stream\":\"Loaded image ID: sha256:"
                + "b".repeat(64)
                + "\\n\"}\r\n");
  }
}
