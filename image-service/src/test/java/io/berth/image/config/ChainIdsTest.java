package io.berth.image.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChainIdsTest {

  @Test
  void matchesTheChainIdsOfDockersLayerStore() {
    // Layer ids of berth/fixture:2 in Docker 20.10's layerdb (see the fixtures' README).
    Digest bottom =
        Digest.parse("sha256:5ab5cddac8f5694073cb969f28a2775a2d73045dea2bd34ceb6efdb5060be963");
    Digest top =
        Digest.parse("sha256:014bdf183229ec606145f7b277d3bd49852949c2f697419840d57a7f87478949");

    assertThat(ChainIds.of(List.of(bottom, top)))
        .containsExactly(
            bottom,
            Digest.parse(
                "sha256:1c031a69a8a91012ac7e257ad17b12df394e7ebb6f607c9fb5fe1f6777e36cff"));
  }

  @Test
  void hasNoChainForNoLayers() {
    assertThat(ChainIds.of(List.of())).isEmpty();
  }
}
