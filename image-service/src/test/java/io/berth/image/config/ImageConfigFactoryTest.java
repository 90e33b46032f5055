package io.berth.image.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageConfigFactoryTest {

  private static final Digest HELLO_LAYER =
      Digest.parse("sha256:5ab5cddac8f5694073cb969f28a2775a2d73045dea2bd34ceb6efdb5060be963");
  private static final ImageConfigFactory DOCKER_20_10 =
      new ImageConfigFactory(new Platform("linux", "amd64", null), "20.10.24+dfsg1");

  /** The changes given to Docker 20.10 for docker-20.10-import-changes.json. */
  static final List<String> FIXTURE_CHANGES =
      List.of(
          "ENV PATH=/usr/bin",
          "ENV HOME /root dir",
          "ENV A=\"a b\" B=x\\ y C='$PATH' D=$PATH:/x E=${NOPE:-def} F=\"q\\\"uote\" PATH=/bin",
          "LABEL \"com.x\"=\"v 1\" plain=yes",
          "LABEL legacy form here",
          "EXPOSE 80 53/udp 8000-8001 127.0.0.1:9000:9000/TCP",
          "VOLUME [\"/data\", \"/logs\"]",
          "VOLUME /a /b",
          "WORKDIR /srv",
          "WORKDIR app/../sub",
          "USER nobody:nogroup",
          "ONBUILD RUN echo hi",
          "ENTRYPOINT /bin/echo \"x\"",
          "CMD [\"a\",\"b\"]",
          "HEALTHCHECK --interval=30s --retries=3 CMD curl -f http://localhost/ || exit 1");

  @Test
  void writesTheSameBytesAsDockerImportWithoutChanges() {
    byte[] docker = Fixtures.bytes("docker-20.10-import-plain.json");

    ImageConfigDocument config =
        DOCKER_20_10.forImport(
            HELLO_LAYER,
            "-",
            null,
            RunConfig.empty(),
            Instant.parse("2026-11-29T04:37:57.661796872Z"));

    assertThat(new String(config.bytes(), StandardCharsets.UTF_8))
        .isEqualTo(new String(docker, StandardCharsets.UTF_8));
    assertThat(config.id().value())
        .isEqualTo("sha256:a728ae8b629afbe8f947f6eb2f75b039f9cd2f9efa13916cfe463b9d2d3dc284");
  }

  @Test
  void writesTheSameBytesAsDockerImportWithEveryKindOfChange() {
    byte[] docker = Fixtures.bytes("docker-20.10-import-changes.json");

    ImageConfigDocument config =
        DOCKER_20_10.forImport(
            HELLO_LAYER,
            "-",
            "m",
            Changes.apply(RunConfig.empty(), FIXTURE_CHANGES),
            Instant.parse("2026-11-29T04:40:10.067685563Z"));

    assertThat(new String(config.bytes(), StandardCharsets.UTF_8))
        .isEqualTo(new String(docker, StandardCharsets.UTF_8));
    assertThat(config.id().value())
        .isEqualTo("sha256:a652346ab900612ce3e21d2da23b9fc18695fe001143c59e391fa8d2428e1508");
  }

  @Test
  void namesTheHostArchitectureAsGoDoes() {
    ImageConfigDocument config =
        ImageConfigFactory.forHost(null)
            .forImport(
                HELLO_LAYER, "http://example.com/rootfs.tar", "", RunConfig.empty(), Instant.EPOCH);

    assertThat(config.os()).isEqualTo("linux");
    assertThat(config.architecture()).isEqualTo(Platform.goArch(System.getProperty("os.arch")));
    assertThat(config.comment()).isEqualTo("Imported from http://example.com/rootfs.tar");
    assertThat(config.dockerVersion()).isNull();
    assertThat(new String(config.bytes(), StandardCharsets.UTF_8))
        .contains("\"created\":\"1970-01-01T00:00:00Z\"")
        .doesNotContain("docker_version");
  }

  @Test
  void derivesAChildWithOneMoreLayerAndHistoryStep() {
    ImageConfigDocument parent =
        ImageConfigDocument.parse(Fixtures.bytes("docker-20.10-import-changes.json"));
    Digest newLayer = Digest.of("layer".getBytes(StandardCharsets.UTF_8));
    Instant created = Instant.parse("2030-01-02T03:04:05.5Z");
    RunConfig config = parent.runConfig().toBuilder().user("root").build();

    ImageConfigDocument child =
        DOCKER_20_10.derive(
            parent, newLayer, new History(created, "/bin/sh -c make", "ann", null, true), config);

    assertThat(child.diffIds()).containsExactly(HELLO_LAYER, newLayer);
    assertThat(child.history()).hasSize(2);
    assertThat(child.history().get(1))
        .isEqualTo(new History(created, "/bin/sh -c make", "ann", null, false));
    assertThat(child.created()).isEqualTo(created);
    assertThat(child.author()).isEqualTo("ann");
    assertThat(child.comment()).isNull();
    assertThat(child.runConfig()).isEqualTo(config);
    assertThat(child.platform()).isEqualTo(parent.platform());
    assertThat(new String(child.bytes(), StandardCharsets.UTF_8))
        .contains("\"created\":\"2030-01-02T03:04:05.5Z\"");
  }

  @Test
  void derivesAnEmptyLayerStepWithoutAddingADiffId() {
    ImageConfigDocument parent =
        ImageConfigDocument.parse(Fixtures.bytes("docker-20.10-import-plain.json"));

    ImageConfigDocument child =
        DOCKER_20_10.derive(
            parent,
            null,
            new History(null, "LABEL a=b", null, null, false),
            Changes.apply(parent.runConfig(), List.of("LABEL a=b")));

    assertThat(child.diffIds()).isEqualTo(parent.diffIds());
    assertThat(child.history().get(1).emptyLayer()).isTrue();
    assertThat(child.history().get(1).created()).isNotNull();
    assertThat(child.labels()).containsEntry("a", "b");
  }

  @Test
  void derivesFromScratchWithTheFactorysPlatform() {
    ImageConfigDocument image =
        DOCKER_20_10.derive(
            null,
            HELLO_LAYER,
            new History(Instant.EPOCH, "ADD rootfs.tar /", null, null, false),
            RunConfig.empty());

    assertThat(image.diffIds()).containsExactly(HELLO_LAYER);
    assertThat(image.platform()).isEqualTo(new Platform("linux", "amd64", null));
  }
}
