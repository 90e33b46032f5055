package io.berth.gateway.docker.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.query.ImageLayer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskUsageJsonTest {

  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);
  private static final String C = "sha256:" + "c".repeat(64);

  private static ImageLayer layer(String diffId, long size) {
    return new ImageLayer(diffId, diffId, "application/vnd.oci.image.layer.v1.tar", size);
  }

  private static String sha256(String text) throws Exception {
    return "sha256:"
        + HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void chainIdsFollowTheOciImageSpec() throws Exception {
    List<String> chains = DiskUsageJson.chainIds(List.of(A, B, C));

    String ab = sha256(A + " " + B);
    assertThat(chains).containsExactly(A, ab, sha256(ab + " " + C));
  }

  @Test
  void aLayerTwoImagesShareIsCountedOnceAndSharedByBoth() {
    Map<String, List<ImageLayer>> layers = new LinkedHashMap<>();
    layers.put("base", List.of(layer(A, 100)));
    layers.put("app", List.of(layer(A, 100), layer(B, 20)));
    layers.put("tool", List.of(layer(A, 100), layer(C, 5)));

    DiskUsageJson.LayerUsage usage = DiskUsageJson.layerUsage(layers);

    assertThat(usage.layersSize()).isEqualTo(125);
    assertThat(usage.sharedSize("base")).isEqualTo(100);
    assertThat(usage.sharedSize("app")).isEqualTo(100);
    assertThat(usage.sharedSize("tool")).isEqualTo(100);
  }

  @Test
  void theSameDiffOnADifferentBaseIsAnotherLayer() {
    Map<String, List<ImageLayer>> layers = new LinkedHashMap<>();
    layers.put("one", List.of(layer(A, 100), layer(C, 5)));
    layers.put("two", List.of(layer(B, 50), layer(C, 5)));

    DiskUsageJson.LayerUsage usage = DiskUsageJson.layerUsage(layers);

    assertThat(usage.layersSize()).isEqualTo(160);
    assertThat(usage.sharedSize("one")).isZero();
  }

  @Test
  void partsNotAskedForAreLeftOut() {
    assertThat(DiskUsageJson.body(null, null, List.of(), false, false))
        .containsOnlyKeys("Containers");
    assertThat(DiskUsageJson.body(0L, List.of(), List.of(), true, true))
        .containsOnlyKeys("Images", "Containers", "Volumes", "BuildCache");
    assertThat(DiskUsageJson.body(5L, List.of(), null, false, false))
        .containsEntry("LayersSize", 5L);
  }
}
