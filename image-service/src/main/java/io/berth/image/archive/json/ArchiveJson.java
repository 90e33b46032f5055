package io.berth.image.archive.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.image.config.Digest;
import io.berth.image.config.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON members of image archives: Docker's {@code manifest.json}, and OCI indexes and
 * manifests. Each reader throws {@link IllegalArgumentException} saying what is wrong.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md">OCI image
 *     layout</a>
 */
public final class ArchiveJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ArchiveJson() {}

  /** The images of a {@code manifest.json}. */
  public static List<ManifestEntry> readDockerManifest(byte[] json) {
    JsonNode root = tree(json);
    if (!root.isArray()) {
      throw new IllegalArgumentException("is not a JSON array");
    }
    List<ManifestEntry> entries = new ArrayList<>();
    for (JsonNode item : root) {
      if (!item.isObject()) {
        throw new IllegalArgumentException("holds a non-object");
      }
      String config = text(item, "Config");
      if (config == null || config.isEmpty()) {
        throw new IllegalArgumentException("has an image without Config");
      }
      entries.add(
          new ManifestEntry(
              config,
              strings(item.get("RepoTags"), "RepoTags"),
              strings(item.get("Layers"), "Layers"),
              text(item, "Parent")));
    }
    return entries;
  }

  /** The manifests an OCI index (or Docker manifest list) lists. */
  public static List<Descriptor> readIndex(byte[] json) {
    JsonNode manifests = tree(json).get("manifests");
    if (manifests == null || !manifests.isArray()) {
      throw new IllegalArgumentException("has no manifests array");
    }
    List<Descriptor> descriptors = new ArrayList<>();
    for (JsonNode item : manifests) {
      descriptors.add(descriptor(item, "manifests"));
    }
    return descriptors;
  }

  /** The media type an index or manifest declares, or null. */
  public static String readMediaType(byte[] json) {
    return text(tree(json), "mediaType");
  }

  /**
   * An image manifest's config and layers.
   *
   * @return the config descriptor first, then the layer descriptors bottom first
   */
  public static List<Descriptor> readManifest(byte[] json) {
    JsonNode root = tree(json);
    JsonNode config = root.get("config");
    JsonNode layers = root.get("layers");
    if (config == null || !config.isObject()) {
      throw new IllegalArgumentException("has no config descriptor");
    }
    if (layers != null && !layers.isNull() && !layers.isArray()) {
      throw new IllegalArgumentException("has a layers field that is not an array");
    }
    List<Descriptor> descriptors = new ArrayList<>();
    descriptors.add(descriptor(config, "config"));
    if (layers != null) {
      for (JsonNode layer : layers) {
        descriptors.add(descriptor(layer, "layers"));
      }
    }
    return descriptors;
  }

  private static Descriptor descriptor(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("has a " + where + " entry that is not an object");
    }
    String digest = text(node, "digest");
    if (!Digest.isValid(digest)) {
      throw new IllegalArgumentException("has a " + where + " entry with bad digest " + digest);
    }
    JsonNode size = node.get("size");
    if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
      throw new IllegalArgumentException("has a " + where + " entry without a valid size");
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    JsonNode notes = node.get("annotations");
    if (notes != null && notes.isObject()) {
      notes.fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    }
    return new Descriptor(
        text(node, "mediaType"), Digest.parse(digest), size.asLong(), annotations, platform(node));
  }

  private static Platform platform(JsonNode descriptor) {
    JsonNode platform = descriptor.get("platform");
    if (platform == null || !platform.isObject()) {
      return null;
    }
    String os = text(platform, "os");
    String architecture = text(platform, "architecture");
    if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
      return null;
    }
    return new Platform(os, architecture, text(platform, "variant"));
  }

  private static JsonNode tree(byte[] json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || root.isMissingNode()) {
        throw new IllegalArgumentException("is empty");
      }
      return root;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  private static String text(JsonNode object, String name) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException("has a " + name + " field that is not a string");
    }
    return node.textValue();
  }

  private static List<String> strings(JsonNode node, String name) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("has a " + name + " field that is not an array");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException("has a " + name + " entry that is not a string");
      }
      values.add(item.textValue());
    }
    return values;
  }
}
