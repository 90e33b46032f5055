package io.berth.image.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.image.ImageRef;
import io.berth.image.archive.json.MediaTypes;
import io.berth.image.config.Digest;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.config.ImageConfigFactory;
import io.berth.image.config.Platform;
import io.berth.image.config.RunConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Archives with only the OCI image layout, as {@code skopeo}, {@code buildah} or BuildKit write.
 */
class OciLayoutArchiveTest {

  private static final Platform AMD64 = new Platform("linux", "amd64", null);

  private final byte[] layer = Tars.layer("hello.txt", "hello\n");
  private final byte[] gzipLayer = Tars.gzip(layer);
  private final ImageConfigDocument config =
      new ImageConfigFactory(AMD64, null)
          .forImport(Digest.of(layer), "-", null, RunConfig.empty(), Instant.EPOCH);
  private final Map<String, byte[]> members = new LinkedHashMap<>();

  @Test
  void readsAGzipLayerThroughANestedMultiPlatformIndex() throws IOException {
    String manifest = manifest(config, gzipLayer);
    String arm = manifest(otherPlatformConfig(), gzipLayer);
    String attestation =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\","
            + "\"config\":"
            + descriptor("application/vnd.oci.image.config.v1+json", Tars.utf8("{}"))
            + ",\"layers\":[]}";
    put(Tars.utf8("{}"));
    String nested =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_INDEX
            + "\",\"manifests\":["
            + platformed(arm, "arm64")
            + ","
            + platformed(manifest, "amd64")
            + ","
            + descriptor(MediaTypes.OCI_MANIFEST, Tars.utf8(attestation))
                .replace(
                    "}",
                    ",\"annotations\":{\"vnd.docker.reference.type\":\"attestation-manifest\"},"
                        + "\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}")
            + "]}";
    put(Tars.utf8(attestation));
    put(Tars.utf8(nested));
    members.put("oci-layout", Tars.utf8("{\"imageLayoutVersion\":\"1.0.0\"}"));
    members.put(
        "index.json",
        Tars.utf8(
            "{\"schemaVersion\":2,\"manifests\":["
                + descriptor(MediaTypes.OCI_INDEX, Tars.utf8(nested))
                    .replace(
                        "}",
                        ",\"annotations\":{\"org.opencontainers.image.ref.name\":"
                            + "\"ghcr.io/berth/hello:1\"}}")
                + "]}"));

    List<ArchiveImage> images = read();

    assertThat(images)
        .singleElement()
        .satisfies(
            image -> {
              assertThat(image.id()).isEqualTo(config.id());
              assertThat(image.repoTags()).containsExactly(ImageRef.parse("ghcr.io/berth/hello:1"));
              assertThat(image.layers())
                  .singleElement()
                  .satisfies(
                      blob -> {
                        assertThat(blob.digest()).isEqualTo(Digest.of(gzipLayer));
                        assertThat(blob.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
                        assertThat(blob.diffId()).isEqualTo(Digest.of(layer));
                      });
            });
  }

  @Test
  void takesNoRepositoryFromABareRefNameTag() throws IOException {
    String manifest = manifest(config, gzipLayer);
    members.put(
        "index.json",
        Tars.utf8(
            "{\"schemaVersion\":2,\"manifests\":["
                + descriptor(MediaTypes.OCI_MANIFEST, Tars.utf8(manifest))
                    .replace(
                        "}", ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}")
                + "]}"));

    assertThat(read()).singleElement().satisfies(image -> assertThat(image.repoTags()).isEmpty());
  }

  @Test
  void refusesALayerBlobThatDoesNotMatchItsDescriptor() {
    String manifest = manifest(config, gzipLayer);
    members.put("blobs/sha256/" + Digest.of(gzipLayer).hex(), Tars.gzip(Tars.layer("x", "y")));
    members.put(
        "index.json",
        Tars.utf8(
            "{\"manifests\":[" + descriptor(MediaTypes.OCI_MANIFEST, Tars.utf8(manifest)) + "]}"));

    assertThatThrownBy(this::read)
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining("layer 1 of manifest blobs/sha256/")
        .hasMessageContaining("does not match its descriptor");
  }

  private ImageConfigDocument otherPlatformConfig() {
    return new ImageConfigFactory(new Platform("linux", "arm64", null), null)
        .forImport(Digest.of(layer), "-", null, RunConfig.empty(), Instant.EPOCH);
  }

  /** Puts the config and layer blobs and returns the manifest JSON, whose blob is put too. */
  private String manifest(ImageConfigDocument image, byte[] layerBlob) {
    put(image.bytes());
    put(layerBlob);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"config\":"
            + descriptor(MediaTypes.OCI_CONFIG, image.bytes())
            + ",\"layers\":["
            + descriptor(MediaTypes.OCI_LAYER_GZIP, layerBlob)
            + "]}";
    put(Tars.utf8(manifest));
    return manifest;
  }

  private String platformed(String manifest, String architecture) {
    return descriptor(MediaTypes.OCI_MANIFEST, Tars.utf8(manifest))
        .replace(
            "}", ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + architecture + "\"}}");
  }

  private void put(byte[] blob) {
    members.put("blobs/sha256/" + Digest.of(blob).hex(), blob);
  }

  private static String descriptor(String mediaType, byte[] blob) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + Digest.of(blob)
        + "\",\"size\":"
        + blob.length
        + "}";
  }

  private List<ArchiveImage> read() throws IOException {
    return new ArchiveReader(new MemoryBlobStore(), AMD64).read(Tars.stream(Tars.tar(members)));
  }
}
