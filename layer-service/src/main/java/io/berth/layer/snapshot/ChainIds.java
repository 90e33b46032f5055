package io.berth.layer.snapshot;

import io.berth.layer.content.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chain ids: the name of a stack of layers, {@code ChainID(L0) = DiffID(L0)} and {@code ChainID(Ln)
 * = sha256(ChainID(Ln-1) + " " + DiffID(Ln))}.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#layer-chainid">OCI
 *     ChainID</a>
 */
public final class ChainIds {

  private ChainIds() {}

  /** The chain id of every prefix of a chain, bottom first. */
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
    return chain;
  }
}
