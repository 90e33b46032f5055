package io.berth.image.config;

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
    return io.berth.events.image.ChainIds.of(diffIds.stream().map(Digest::value).toList()).stream()
        .map(Digest::parse)
        .toList();
  }
}
