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

class ImageConfigDocumentTest {

  @Test
  void keepsTheExactBytesSoTheIdIsDockers() {
    byte[] bytes = Fixtures.bytes("docker-20.10-import-changes.json");

    ImageConfigDocument config = ImageConfigDocument.parse(bytes);

    assertThat(config.bytes()).isEqualTo(bytes);
    assertThat(config.size()).isEqualTo(bytes.length);
    assertThat(config.id().value())
        .isEqualTo("sha256:a652346ab900612ce3e21d2da23b9fc18695fe001143c59e391fa8d2428e1508");
  }

  @Test
  void readsTheTypedFields() {
    ImageConfigDocument config =
        ImageConfigDocument.parse(Fixtures.bytes("docker-20.10-import-changes.json"));

    assertThat(config.diffIds())
        .containsExactly(
            Digest.parse(
                "sha256:5ab5cddac8f5694073cb969f28a2775a2d73045dea2bd34ceb6efdb5060be963"));
    assertThat(config.created()).isEqualTo(Instant.parse("2026-11-29T04:40:10.067685563Z"));
    assertThat(config.history())
        .containsExactly(new History(config.created(), null, null, "m", false));
    assertThat(config.comment()).isEqualTo("m");
    assertThat(config.os()).isEqualTo("linux");
    assertThat(config.architecture()).isEqualTo("amd64");
    assertThat(config.dockerVersion()).isEqualTo("20.10.24+dfsg1");
    assertThat(config.parent()).isNull();
    assertThat(config.labels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("com.x", "v 1", "legacy", "form here", "plain", "yes"));
    RunConfig run = config.runConfig();
    assertThat(run.healthcheck())
        .isEqualTo(
            new Healthcheck(
                List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"),
                Duration.ofSeconds(30),
                null,
                null,
                null,
                3));
    assertThat(run.onBuild()).containsExactly("RUN echo hi");
    ImageConfig events = config.config();
    assertThat(events.cmd()).containsExactly("a", "b");
    assertThat(events.entrypoint()).containsExactly("/bin/sh", "-c", "/bin/echo \"x\"");
    assertThat(events.workingDir()).isEqualTo("/srv/sub");
    assertThat(events.user()).isEqualTo("nobody:nogroup");
    assertThat(events.exposedPorts())
        .containsExactly("53/udp", "80/tcp", "8000/tcp", "8001/tcp", "9000/tcp");
    assertThat(events.volumes()).containsExactly("/a", "/b", "/data", "/logs");
    assertThat(events.stopSignal()).isNull();
  }

  @Test
  void keepsUnknownFieldsAndReadsAnOciConfig() {
    String json =
        "{\"created\":\"2024-01-02T03:04:05+02:00\",\"architecture\":\"arm64\",\"variant\":\"v8\","
            + "\"os\":\"linux\",\"x-vendor\":{\"a\":[1,2]},\"parent\":\"sha256:"
            + "a".repeat(64)
            + "\",\"config\":{\"Env\":[\"A=1\"],\"StopSignal\":\"SIGINT\"},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

    ImageConfigDocument config = ImageConfigDocument.parse(bytes);

    assertThat(config.bytes()).isEqualTo(bytes);
    assertThat(config.created()).isEqualTo(Instant.parse("2024-01-02T01:04:05Z"));
    assertThat(config.platform()).isEqualTo(new Platform("linux", "arm64", "v8"));
    assertThat(config.parent()).isEqualTo(Digest.ofHex("a".repeat(64)));
    assertThat(config.config().env()).containsExactly("A=1");
    assertThat(config.config().stopSignal()).isEqualTo("SIGINT");
    assertThat(config.diffIds()).isEmpty();
    assertThat(config.history()).isEmpty();
  }

  @Test
  void refusesWhatIsNotAnImageConfig() {
    assertThatThrownBy(() -> parse("{\"rootfs\":"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse("[]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> parse("{\"os\":\"linux\"}")).hasMessageContaining("no rootfs");
    assertThatThrownBy(() -> parse("{\"rootfs\":{\"diff_ids\":[\"sha256:x\"]}}"))
        .hasMessageContaining("bad diff id: sha256:x");
    assertThatThrownBy(() -> parse("{\"rootfs\":{},\"config\":{\"Env\":\"A=1\"}}"))
        .hasMessageContaining("config.Env is not an array");
    assertThatThrownBy(() -> parse("{\"rootfs\":{}} {}")).hasMessageContaining("not valid JSON");
  }

  private static ImageConfigDocument parse(String json) {
    return ImageConfigDocument.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
