package io.berth.gateway.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.Message;
import io.berth.events.container.ContainerBuildOutput;
import io.berth.events.container.ContainerBuildStepExited;
import io.berth.events.image.ImageBuildCompleted;
import io.berth.events.image.ImageBuildFailed;
import io.berth.events.image.ImageBuildStepFinished;
import io.berth.events.image.ImageBuildStepStarted;
import io.berth.events.image.ImageConfig;
import io.berth.events.image.ImageDescriptor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildProgressTest {

  private static final String BUILD = "b1";
  private static final String CONTAINER = "c".repeat(64);
  private static final String IMAGE = "sha256:" + "ab".repeat(32);

  @Test
  void aRunStepShowsItsContainerItsOutputAndItsImageAfterTheContainerEnded() {
    BuildProgress progress = new BuildProgress(BUILD, false);
    List<String> out = new ArrayList<>();
    feed(progress, out, new ImageBuildStepStarted(BUILD, 1, 2, "RUN echo hi", CONTAINER));
    feed(progress, out, new ContainerBuildOutput(CONTAINER, BUILD, 1, "stdout", "hi\n"));
    // The step's end arrives before the container's exit: it waits for it.
    feed(progress, out, finished(1, false));
    assertThat(out)
        .containsExactly(
            "{\"stream\":\"Step 1/2 : RUN echo hi\\n\"}",
            "{\"stream\":\" ---> Running in cccccccccccc\\n\"}",
            "{\"stream\":\"hi\\n\"}");
    feed(progress, out, new ContainerBuildStepExited(CONTAINER, BUILD, 1, 0, null));
    assertThat(out.subList(3, out.size()))
        .containsExactly(
            "{\"stream\":\" ---> Removed intermediate container cccccccccccc\\n\"}",
            "{\"stream\":\" ---> abababababab\\n\"}");
  }

  @Test
  void aCachedStepAndTheEndOfTheBuildAsDockerWritesThem() {
    BuildProgress progress = new BuildProgress(BUILD, false);
    List<String> out = new ArrayList<>();
    feed(progress, out, new ImageBuildStepStarted(BUILD, 2, 2, "ENV A=b", null));
    feed(progress, out, finished(2, true));
    feed(progress, out, new ImageBuildCompleted(BUILD, image(), List.of("app:1")));
    assertThat(out)
        .containsExactly(
            "{\"stream\":\"Step 2/2 : ENV A=b\\n\"}",
            "{\"stream\":\" ---> Using cache\\n\"}",
            "{\"stream\":\" ---> abababababab\\n\"}",
            "{\"aux\":{\"ID\":\"" + IMAGE + "\"}}",
            "{\"stream\":\"Successfully built abababababab\\n\"}",
            "{\"stream\":\"Successfully tagged app:1\\n\"}");
    assertThat(progress.ended()).isTrue();
  }

  @Test
  void aFailedRunEndsTheStreamWithItsExitCodeAndOtherBuildsAreIgnored() {
    BuildProgress progress = new BuildProgress(BUILD, false);
    List<String> out = new ArrayList<>();
    feed(progress, out, new ImageBuildStepStarted("other", 1, 1, "RUN true", null));
    feed(progress, out, new ImageBuildFailed(BUILD, 1, 3, "The command 'exit 3' returned 3"));
    assertThat(out)
        .containsExactly(
            "{\"errorDetail\":{\"code\":3,\"message\":\"The command 'exit 3' returned 3\"},"
                + "\"error\":\"The command 'exit 3' returned 3\"}");
    assertThat(progress.ended()).isTrue();
  }

  @Test
  void aQuietBuildShowsOnlyItsId() {
    BuildProgress progress = new BuildProgress(BUILD, true);
    List<String> out = new ArrayList<>();
    feed(progress, out, new ImageBuildStepStarted(BUILD, 1, 1, "ENV A=b", null));
    feed(progress, out, finished(1, false));
    feed(progress, out, new ImageBuildCompleted(BUILD, image(), List.of()));
    assertThat(out)
        .containsExactly(
            "{\"aux\":{\"ID\":\"" + IMAGE + "\"}}", "{\"stream\":\"" + IMAGE + "\\n\"}");
  }

  private static void feed(BuildProgress progress, List<String> out, Message event) {
    for (byte[] line : progress.lines(event)) {
      String text = new String(line, StandardCharsets.UTF_8);
      assertThat(text).endsWith("\r\n");
      out.add(text.substring(0, text.length() - 2));
    }
  }

  private static ImageBuildStepFinished finished(int step, boolean cached) {
    return new ImageBuildStepFinished(BUILD, step, image(), null, cached, List.of(), null);
  }

  private static ImageDescriptor image() {
    return new ImageDescriptor(
        IMAGE, List.of(), ImageConfig.empty(), List.of(), List.of(), null, 0, Instant.EPOCH);
  }
}
