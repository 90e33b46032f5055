package io.berth.gateway.docker.json;

import io.berth.events.query.ImageLayer;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /system/df} in the shape API versions before 1.52 use ({@code LayersSize},
 * {@code Images}, {@code Containers}, {@code Volumes}, {@code BuildCache}), and the layer
 * accounting behind it.
 */
public final class DiskUsageJson {

  private DiskUsageJson() {}

  /**
   * Bytes of layers, counted as moby's layer store counts them: a layer is its diff on top of all
   * below it (its chain id), so two images share a layer when they share everything below it too.
   *
   * @param layersSize the bytes of all distinct layers
   * @param sharedSizes per image id, the bytes of its layers that another image also uses
   */
  public record LayerUsage(long layersSize, Map<String, Long> sharedSizes) {

    /** The shared bytes of an image, or 0 for an image not counted. */
    public long sharedSize(String imageId) {
      return sharedSizes.getOrDefault(imageId, 0L);
    }
  }

  /** Counts the layers of the images given, each image's layers bottom first. */
  public static LayerUsage layerUsage(Map<String, List<ImageLayer>> layersByImage) {
    Map<String, Integer> references = new HashMap<>();
    Map<String, Long> sizes = new HashMap<>();
    Map<String, List<String>> chainsByImage = new HashMap<>();
    layersByImage.forEach(
        (imageId, layers) -> {
          List<String> chains = chainIds(layers.stream().map(ImageLayer::diffId).toList());
          chainsByImage.put(imageId, chains);
          for (int i = 0; i < chains.size(); i++) {
            references.merge(chains.get(i), 1, Integer::sum);
            sizes.put(chains.get(i), layers.get(i).size());
          }
        });
    long total = sizes.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Long> shared = new HashMap<>();
    chainsByImage.forEach(
        (imageId, chains) ->
            shared.put(
                imageId,
                chains.stream()
                    .filter(chain -> references.get(chain) > 1)
                    .mapToLong(sizes::get)
                    .sum()));
    return new LayerUsage(total, shared);
  }

  /**
   * The chain ids of a stack of diff ids, bottom first (OCI image spec: {@code ChainID(L0) =
   * DiffID(L0)}, {@code ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln))}).
   *
   * @see <a
   *     href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#layer-chainid">layer
   *     ChainID</a>
   */
  public static List<String> chainIds(List<String> diffIds) {
    List<String> chains = new ArrayList<>(diffIds.size());
    String previous = null;
    for (String diffId : diffIds) {
      previous = previous == null ? diffId : sha256(previous + " " + diffId);
      chains.add(previous);
    }
    return chains;
  }

  /**
   * The body; a part not asked for ({@code ?type=}) is null and left out, as moby leaves it out.
   *
   * @param layersSize bytes of all layers, or null when images were not asked for
   * @param images image summaries, or null
   * @param containers container summaries, or null
   * @param volumes whether volumes were asked for (Berth has none yet)
   * @param buildCache whether the build cache was asked for (Berth reports none yet)
   */
  public static Map<String, Object> body(
      @Nullable Long layersSize,
      @Nullable List<Map<String, Object>> images,
      @Nullable List<Map<String, Object>> containers,
      boolean volumes,
      boolean buildCache) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (layersSize != null && layersSize != 0) {
      body.put("LayersSize", layersSize);
    }
    if (images != null) {
      body.put("Images", images);
    }
    if (containers != null) {
      body.put("Containers", containers);
    }
    if (volumes) {
      body.put("Volumes", List.of());
    }
    if (buildCache) {
      body.put("BuildCache", List.of());
    }
    return body;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return "sha256:"
          + HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
