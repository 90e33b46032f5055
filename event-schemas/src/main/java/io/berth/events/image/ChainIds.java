package io.berth.events.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Chain ids, the names of layer stacks that {@link ImageDescriptor#chainIds()} carries: {@code
 * ChainID(L0) = DiffID(L0)} and {@code ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln))}.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#layer-chainid">OCI
 *     ChainID</a>
 */
public final class ChainIds {

  private ChainIds() {}

  /**
   * The chain id of every prefix of a chain.
   *
   * @param diffIds the layers' {@code sha256:} diff ids, bottom first
   * @return the chain ids, bottom first, as many as diff ids
   */
  public static List<String> of(List<String> diffIds) {
    List<String> chain = new ArrayList<>(diffIds.size());
    String previous = null;
    for (String diffId : diffIds) {
      previous = previous == null ? diffId : sha256(previous + " " + diffId);
      chain.add(previous);
    }
    return List.copyOf(chain);
  }

  private static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
