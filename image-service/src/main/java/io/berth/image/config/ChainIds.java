package io.berth.image.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chain ids of a layer stack: each names a layer together with every layer below it.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#layer-chainid">OCI
 *     layer ChainID</a>
 */
public final class ChainIds {

  private ChainIds() {}

  /**
   * The chain ids of layers given bottom first: {@code ChainID(L0) = DiffID(L0)} and {@code
   * ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln))}.
   *
   * @param diffIds the layers' diff ids, bottom first
   * @return the chain ids, bottom first, as many as diff ids
   */
  public static List<Digest> of(List<Digest> diffIds) {
    List<Digest> chain = new ArrayList<>(diffIds.size());
    Digest previous = null;
    for (Digest diffId : diffIds) {
      previous =
          previous == null
              ? diffId
              : Digest.of(
                  (previous.value() + " " + diffId.value()).getBytes(StandardCharsets.UTF_8));
      chain.add(previous);
    }
    return List.copyOf(chain);
  }
}
