package io.berth.image.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.image.ImageConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitConfigTest {

  private static final String PARENT_ID =
      "sha256:1111111111111111111111111111111111111111111111111111111111111111";
  private static final String CONTAINER_ID =
      "2222222222222222222222222222222222222222222222222222222222222222";
  private static final Digest BASE_LAYER =
      Digest.parse("sha256:5ab5cddac8f5694073cb969f28a2775a2d73045dea2bd34ceb6efdb5060be963");
  private static final Digest NEW_LAYER =
      Digest.parse("sha256:3333333333333333333333333333333333333333333333333333333333333333");

  /** The parent: a health check, a volume, ONBUILD and SHELL, which a container does not carry. */
  private static final RunConfig PARENT =
      Changes.apply(
              RunConfig.empty(),
              List.of(
                  "HEALTHCHECK --interval=5s CMD true",
                  "VOLUME /data",
                  "ONBUILD RUN echo child",
                  "CMD [\"sh\"]"))
          .toBuilder()
          .shell(List.of("/bin/bash", "-c"))
          .build();

  private static ImageConfig container(List<String> cmd, List<String> entrypoint) {
    return new ImageConfig(
        List.of("PATH=/bin", "A=1"),
        cmd,
        entrypoint,
        "/srv",
        "nobody",
        List.of("80/tcp"),
        null,
        Map.of("team", "x"),
        null);
  }

  @Test
  void withoutChangesTheImageHasTheContainersConfigAndWhatItsCreateMergedFromTheImage() {
    RunConfig container =
        CommitConfig.containerConfig(
            container(List.of("sh", "-c", "echo hi"), null), PARENT, PARENT_ID);

    RunConfig image = CommitConfig.imageConfig(container, List.of());

    assertThat(image.cmd()).containsExactly("sh", "-c", "echo hi");
    assertThat(image.entrypoint()).isNull();
    assertThat(image.env()).containsExactly("PATH=/bin", "A=1");
    assertThat(image.workingDir()).isEqualTo("/srv");
    assertThat(image.user()).isEqualTo("nobody");
    assertThat(image.exposedPorts()).containsExactly("80/tcp");
    assertThat(image.labels()).containsExactly(Map.entry("team", "x"));
    assertThat(image.volumes()).containsExactly("/data");
    assertThat(image.healthcheck().interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(image.image()).isEqualTo(PARENT_ID);
    // Docker's create does not copy these into the container, so its commit drops them.
    assertThat(image.onBuild()).isNull();
    assertThat(image.shell()).isNull();
  }

  @Test
  void aCmdChangeReplacesTheCommandAndKeepsTheEntrypoint() {
    RunConfig container =
        CommitConfig.containerConfig(container(List.of("x"), List.of("/ep")), PARENT, PARENT_ID);

    RunConfig image = CommitConfig.imageConfig(container, List.of("CMD [\"cat\",\"/added\"]"));

    assertThat(image.cmd()).containsExactly("cat", "/added");
    assertThat(image.entrypoint()).containsExactly("/ep");
  }

  @Test
  void anEntrypointChangeDropsTheContainersCommand() {
    RunConfig container =
        CommitConfig.containerConfig(container(List.of("x"), null), PARENT, PARENT_ID);

    RunConfig image = CommitConfig.imageConfig(container, List.of("ENTRYPOINT [\"/bin/top\"]"));

    assertThat(image.entrypoint()).containsExactly("/bin/top");
    assertThat(image.cmd()).isNull();
  }

  @Test
  void changesOverrideByNameAndKeepTheRest() {
    RunConfig container =
        CommitConfig.containerConfig(container(List.of("x"), null), PARENT, PARENT_ID);

    RunConfig image =
        CommitConfig.imageConfig(
            container,
            List.of("ENV A=2 B=3", "LABEL team=y other=z", "EXPOSE 53/udp", "USER root"));

    assertThat(image.env()).containsExactly("PATH=/bin", "A=2", "B=3");
    assertThat(image.labels()).containsOnly(Map.entry("team", "y"), Map.entry("other", "z"));
    assertThat(image.exposedPorts()).containsExactly("53/udp", "80/tcp");
    assertThat(image.user()).isEqualTo("root");
  }

  @Test
  void mergeFillsWhatTheUsersConfigLeavesOutAsMobyDoes() {
    RunConfig containerConfig =
        RunConfig.builder()
            .env(List.of("PATH=/bin", "A=1"))
            .cmd(List.of("sh"))
            .entrypoint(List.of("/init"))
            .workingDir("/w")
            .stopSignal("SIGINT")
            .volumes(List.of("/v"))
            .build();
    RunConfig user = RunConfig.builder().env(List.of("A=2")).volumes(List.of("/u")).build();

    RunConfig merged = CommitConfig.merge(user, containerConfig);

    assertThat(merged.env()).containsExactly("A=2", "PATH=/bin");
    assertThat(merged.cmd()).containsExactly("sh");
    assertThat(merged.entrypoint()).containsExactly("/init");
    assertThat(merged.workingDir()).isEqualTo("/w");
    assertThat(merged.stopSignal()).isEqualTo("SIGINT");
    assertThat(merged.volumes()).containsExactly("/u", "/v");
    assertThat(merged.labels()).isEmpty();
  }

  @Test
  void aChangeThatIsNoConfigInstructionIsRefusedInDockersWords() {
    RunConfig container =
        CommitConfig.containerConfig(container(List.of("x"), null), PARENT, PARENT_ID);

    assertThatThrownBy(() -> CommitConfig.imageConfig(container, List.of("RUN rm -rf /")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("run is not a valid change command");
  }

  @Test
  void theDocumentStacksTheNewLayerAndAHistoryStepOnTheParents() {
    ImageConfigDocument parent =
        new ImageConfigFactory(new Platform("linux", "arm64", "v8"), "x")
            .forImport(BASE_LAYER, "-", null, PARENT, Instant.parse("2026-01-01T00:00:00Z"));
    RunConfig container =
        CommitConfig.containerConfig(
            container(List.of("sh", "-c", "echo hi > /added"), null),
            parent.runConfig(),
            PARENT_ID);
    RunConfig config = CommitConfig.imageConfig(container, List.of("CMD [\"cat\",\"/added\"]"));
    Instant now = Instant.parse("2026-11-29T10:00:00.123456789Z");

    ImageConfigDocument child =
        CommitConfig.document(
            parent, NEW_LAYER, config, container, CONTAINER_ID, "me <me@x>", "msg", now, "berth");

    assertThat(child.diffIds()).containsExactly(BASE_LAYER, NEW_LAYER);
    assertThat(child.history()).hasSize(2);
    History step = child.history().get(1);
    assertThat(step.createdBy()).isEqualTo("sh -c echo hi > /added");
    assertThat(step.author()).isEqualTo("me <me@x>");
    assertThat(step.comment()).isEqualTo("msg");
    assertThat(step.emptyLayer()).isFalse();
    assertThat(step.created()).isEqualTo(now);
    assertThat(child.author()).isEqualTo("me <me@x>");
    assertThat(child.comment()).as("moby keeps the message in the history only").isNull();
    assertThat(child.container()).isEqualTo(CONTAINER_ID);
    assertThat(child.platform()).isEqualTo(new Platform("linux", "arm64", "v8"));
    assertThat(child.runConfig().cmd()).containsExactly("cat", "/added");
    String json = new String(child.bytes(), StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"container_config\":{")
        // encoding/json escapes < and > in strings
        .contains("\"Cmd\":[\"sh\",\"-c\",\"echo hi \\u003e /added\"]");
  }

  @Test
  void aContainerWithoutChangesAddsAnEmptyHistoryStepAndNoLayer() {
    ImageConfigDocument parent =
        ImageConfigFactory.forHost(null).forImport(BASE_LAYER, "-", null, PARENT, Instant.EPOCH);
    RunConfig container =
        CommitConfig.containerConfig(container(List.of("true"), null), PARENT, PARENT_ID);

    ImageConfigDocument child =
        CommitConfig.document(
            parent,
            CommitConfig.EMPTY_LAYER,
            CommitConfig.imageConfig(container, List.of()),
            container,
            CONTAINER_ID,
            null,
            null,
            Instant.EPOCH,
            null);

    assertThat(child.diffIds()).containsExactly(BASE_LAYER);
    assertThat(child.history()).hasSize(2);
    assertThat(child.history().get(1).emptyLayer()).isTrue();
  }

  @Test
  void aQuotedValueAsTheGatewayWritesABodysEnvIsTakenLiterally() {
    RunConfig container =
        CommitConfig.containerConfig(container(List.of("x"), null), PARENT, PARENT_ID);

    RunConfig image =
        CommitConfig.imageConfig(
            container, List.of("ENV Q=\"a \\$PATH \\\"q\\\" \\\\ b\"", "LABEL \"k 1\"=\"v\""));

    assertThat(image.env()).contains("Q=a $PATH \"q\" \\ b");
    assertThat(image.labels()).containsEntry("k 1", "v");
  }
}
