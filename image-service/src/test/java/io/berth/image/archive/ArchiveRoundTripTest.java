package io.berth.image.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.image.ImageRef;
import io.berth.image.config.Digest;
import io.berth.image.config.History;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.config.ImageConfigFactory;
import io.berth.image.config.Platform;
import io.berth.image.config.RunConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

class ArchiveRoundTripTest {

  private static final ImageConfigFactory FACTORY =
      new ImageConfigFactory(new Platform("linux", "amd64", null), null);

  private final MemoryBlobStore source = new MemoryBlobStore();
  private final SavedLayer base = source.addLayer(Tars.layer("etc/os-release", "ID=berth\n"));
  private final SavedLayer app = source.addLayer(Tars.layer("app/run", "#!/bin/sh\n"));
  private final SavedLayer tools = source.addLayer(Tars.layer("usr/bin/tool", "tool\n"));

  private final ImageConfigDocument baseConfig =
      FACTORY.forImport(base.diffId(), "-", null, RunConfig.empty(), Instant.EPOCH);
  private final ImageConfigDocument appConfig = child(baseConfig, app, "COPY app /app");
  private final ImageConfigDocument toolsConfig = child(appConfig, tools, "COPY tool /usr/bin");

  private final List<SavedImage> images =
      List.of(
          new SavedImage(baseConfig, List.of(ref("berth/base")), List.of(base)),
          new SavedImage(
              appConfig,
              List.of(ref("registry.example:5000/team/app:1.0"), ref("app:latest")),
              List.of(base, app)),
          new SavedImage(toolsConfig, List.of(), List.of(base, app, tools)));

  @Test
  void readsBackEveryImageWithItsIdTagsAndLayers() throws IOException {
    MemoryBlobStore sink = new MemoryBlobStore();

    List<ArchiveImage> read = new ArchiveReader(sink).read(Tars.stream(write(images)));

    assertThat(read)
        .extracting(ArchiveImage::id)
        .containsExactly(baseConfig.id(), appConfig.id(), toolsConfig.id());
    assertThat(read.get(0).repoTags()).containsExactly(ref("berth/base:latest"));
    assertThat(read.get(1).repoTags())
        .containsExactly(ref("registry.example:5000/team/app:1.0"), ref("app:latest"));
    assertThat(read.get(2).repoTags()).isEmpty();
    assertThat(read.get(2).layers())
        .extracting(StoredBlob::diffId)
        .containsExactly(base.diffId(), app.diffId(), tools.diffId());
    assertThat(read.get(2).config().bytes()).isEqualTo(toolsConfig.bytes());
    assertThat(sink.blob(tools.diffId())).isEqualTo(source.blob(tools.diffId()));
  }

  @Test
  void writesEachSharedBlobOnce() throws IOException {
    Map<String, byte[]> members = Tars.members(write(images));

    // The directory, then 3 layers, 3 configs and 3 manifests.
    assertThat(members.keySet().stream().filter(name -> name.startsWith("blobs/sha256/")))
        .hasSize(1 + 9);
    assertThat(members.keySet())
        .startsWith("blobs/", "blobs/sha256/")
        .endsWith("index.json", "manifest.json", "oci-layout", "repositories");
  }

  @Test
  void writesDockerManifestAndOciLayoutAsDocker25Does() throws IOException {
    SavedImage one = new SavedImage(baseConfig, List.of(ref("berth/base")), List.of(base));

    Map<String, byte[]> members = Tars.members(write(List.of(one)));

    String config = "blobs/sha256/" + baseConfig.id().hex();
    String layer = "blobs/sha256/" + base.diffId().hex();
    assertThat(text(members.get("manifest.json")))
        .isEqualTo(
            "[{\"Config\":\""
                + config
                + "\",\"RepoTags\":[\"berth/base:latest\"],"
                + "\"Layers\":[\""
                + layer
                + "\"]}]\n");
    assertThat(text(members.get("repositories")))
        .isEqualTo("{\"berth/base\":{\"latest\":\"" + base.diffId().hex() + "\"}}\n");
    assertThat(text(members.get("oci-layout"))).isEqualTo("{\"imageLayoutVersion\": \"1.0.0\"}");
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
            + "\"digest\":\""
            + baseConfig.id()
            + "\",\"size\":"
            + baseConfig.size()
            + "},"
            + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
            + "\"digest\":\""
            + base.diffId()
            + "\",\"size\":"
            + base.size()
            + "}]}";
    Digest manifestDigest = Digest.of(Tars.utf8(manifest));
    assertThat(text(members.get("blobs/sha256/" + manifestDigest.hex()))).isEqualTo(manifest);
    assertThat(text(members.get("index.json")))
        .isEqualTo(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"digest\":\""
                + manifestDigest
                + "\",\"size\":"
                + manifest.length()
                + ","
                + "\"annotations\":{\"io.containerd.image.name\":\"docker.io/berth/base:latest\","
                + "\"org.opencontainers.image.ref.name\":\"latest\"}}]}");
    assertThat(members.get(config)).isEqualTo(baseConfig.bytes());
  }

  @Test
  void writesTheSameBytesEveryTimeWithNeutralHeaders() throws IOException {
    byte[] first = write(images);

    assertThat(write(images)).isEqualTo(first);
    assertThat(Tars.entries(first))
        .allSatisfy(
            entry -> {
              assertThat(entry.getModTime().getTime()).isZero();
              assertThat(entry.getLongUserId()).isZero();
              assertThat(entry.getLongGroupId()).isZero();
              assertThat(entry.getUserName()).isEmpty();
            });
    assertThat(Tars.entries(first)).extracting(TarArchiveEntry::getName).isSorted();
  }

  @Test
  void readsTheOciLayoutAloneWhenThereIsNoManifestJson() throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>(Tars.members(write(images)));
    members.remove("manifest.json");
    members.remove("repositories");

    List<ArchiveImage> read =
        new ArchiveReader(new MemoryBlobStore()).read(Tars.stream(Tars.tar(members)));

    assertThat(read)
        .extracting(ArchiveImage::id)
        .containsExactly(baseConfig.id(), appConfig.id(), toolsConfig.id());
    assertThat(read.get(1).repoTags())
        .containsExactly(ref("registry.example:5000/team/app:1.0"), ref("app:latest"));
    assertThat(read.get(2).layers())
        .extracting(StoredBlob::diffId)
        .containsExactly(base.diffId(), app.diffId(), tools.diffId());
  }

  @Test
  void refusesALayerWhoseBytesAreNotItsDiffId() {
    SavedLayer wrong = new SavedLayer(app.diffId(), base.size());
    LayerSource lying = diffId -> source.open(base.diffId());
    ImageConfigDocument config =
        FACTORY.forImport(app.diffId(), "-", null, RunConfig.empty(), Instant.EPOCH);

    assertThatThrownBy(
            () ->
                new ArchiveWriter(lying)
                    .write(
                        List.of(new SavedImage(config, List.of(), List.of(wrong))),
                        new ByteArrayOutputStream()))
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining("layer " + app.diffId());
  }

  @Test
  void refusesLayersThatAreNotTheConfigsDiffIds() {
    assertThatThrownBy(() -> new SavedImage(appConfig, List.of(), List.of(base)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("are not the config's diff ids");
  }

  private byte[] write(List<SavedImage> images) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ArchiveWriter(source).write(images, out);
    return out.toByteArray();
  }

  private static ImageConfigDocument child(
      ImageConfigDocument parent, SavedLayer layer, String createdBy) {
    return FACTORY.derive(
        parent,
        layer.diffId(),
        new History(Instant.EPOCH, createdBy, null, null, false),
        parent.runConfig());
  }

  private static ImageRef ref(String text) {
    return ImageRef.parse(text);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
