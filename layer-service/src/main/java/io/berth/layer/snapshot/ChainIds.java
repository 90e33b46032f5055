package io.berth.layer.snapshot;

import io.berth.layer.content.Digest;
import java.util.List;

/**
 * Chain ids of typed digests, computed by the contract's {@link io.berth.events.image.ChainIds}:
 * the name of a stack of layers.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#layer-chainid">OCI
 *     ChainID</a>
 */
public final class ChainIds {

  private ChainIds() {}

  /** The chain id of every prefix of a chain, bottom first. */
  public static List<Digest> of(List<Digest> diffIds) {
    return io.berth.events.image.ChainIds.of(diffIds.stream().map(Digest::value).toList()).stream()
        .map(Digest::parse)
        .toList();
  }
}
