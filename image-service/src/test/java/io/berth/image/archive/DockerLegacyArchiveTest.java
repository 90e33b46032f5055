package io.berth.image.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.image.ImageRef;
import io.berth.image.archive.json.MediaTypes;
import io.berth.image.config.Digest;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.config.ImageConfigFactory;
import io.berth.image.config.Platform;
import io.berth.image.config.RunConfig;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Archives in the layout of Docker before 25: {@code <v1 id>/layer.tar}, {@code <hex>.json}. */
class DockerLegacyArchiveTest {

  @Test
  void readsARealDocker2010SaveWithASymlinkedSharedLayer() throws IOException {
    MemoryBlobStore sink = new MemoryBlobStore();

    List<ArchiveImage> images;
    try (InputStream in = getClass().getResourceAsStream("/archive/docker-20.10-save.tar")) {
      images = new ArchiveReader(sink).read(in);
    }

    Digest hello =
        Digest.parse("sha256:5ab5cddac8f5694073cb969f28a2775a2d73045dea2bd34ceb6efdb5060be963");
    Digest extra =
        Digest.parse("sha256:014bdf183229ec606145f7b277d3bd49852949c2f697419840d57a7f87478949");
    assertThat(images).hasSize(2);
    ArchiveImage first = images.get(0);
    ArchiveImage second = images.get(1);
    // The ids `docker images` showed: sha256 of the config bytes, kept as loaded.
    assertThat(first.id().value())
        .isEqualTo("sha256:fe463bac21da6cac4bda68ba2e378b1136290a40a61755abf3cf2787c1645129");
    assertThat(second.id().value())
        .isEqualTo("sha256:10395bde0d560d5bde3e8a48f730f8a252da4f2ef6b2d0b5bec7ed69575d84bb");
    assertThat(Digest.of(second.config().bytes())).isEqualTo(second.id());
    assertThat(first.repoTags()).containsExactly(ImageRef.parse("berth/fixture:1"));
    assertThat(second.repoTags()).containsExactly(ImageRef.parse("berth/fixture:2"));
    assertThat(first.layers()).extracting(StoredBlob::diffId).containsExactly(hello);
    assertThat(second.layers()).extracting(StoredBlob::diffId).containsExactly(hello, extra);
    assertThat(second.layers())
        .extracting(StoredBlob::mediaType)
        .containsOnly(MediaTypes.OCI_LAYER);
    assertThat(second.parent()).isNull();
    assertThat(first.config().config().cmd()).containsExactly("/hello");
    assertThat(second.config().labels()).containsEntry("stage", "two");
    // Only the two real layer.tar members went to the sink; the symlink was followed.
    assertThat(sink.members()).hasSize(2).allMatch(path -> path.endsWith("/layer.tar"));
  }

  @Test
  void readsALegacyArchiveWithManifestLastAndAGzipLayer() throws IOException {
    ImageConfigFactory factory = new ImageConfigFactory(new Platform("linux", "arm64", "v8"), null);
    byte[] layer = Tars.layer("bin/sh", "#!/bin/true\n");
    ImageConfigDocument config =
        factory.forImport(Digest.of(layer), "-", "legacy", RunConfig.empty(), Instant.EPOCH);
    String v1 = "a".repeat(64);
    String parent = "sha256:" + "b".repeat(64);
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put(v1 + "/VERSION", Tars.utf8("1.0"));
    members.put(v1 + "/json", Tars.utf8("{\"id\":\"" + v1 + "\"}"));
    members.put(v1 + "/layer.tar", Tars.gzip(layer));
    members.put(config.id().hex() + ".json", config.bytes());
    members.put("repositories", Tars.utf8("{\"legacy\":{\"v1\":\"" + v1 + "\"}}"));
    members.put(
        "manifest.json",
        Tars.utf8(
            "[{\"Config\":\""
                + config.id().hex()
                + ".json\",\"RepoTags\":[\"docker.io/library/legacy:v1\"],"
                + "\"Layers\":[\""
                + v1
                + "/layer.tar\"],\"Parent\":\""
                + parent
                + "\"}]"));

    List<ArchiveImage> images =
        new ArchiveReader(new MemoryBlobStore()).read(Tars.stream(Tars.gzip(Tars.tar(members))));

    assertThat(images)
        .singleElement()
        .satisfies(
            image -> {
              assertThat(image.id()).isEqualTo(config.id());
              assertThat(image.repoTags()).containsExactly(ImageRef.parse("legacy:v1"));
              assertThat(image.parent()).isEqualTo(Digest.parse(parent));
              assertThat(image.layers())
                  .singleElement()
                  .satisfies(
                      blob -> {
                        assertThat(blob.diffId()).isEqualTo(Digest.of(layer));
                        assertThat(blob.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
                      });
              assertThat(image.config().platform()).isEqualTo(new Platform("linux", "arm64", "v8"));
            });
  }
}
