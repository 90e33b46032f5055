package io.berth.image.catalog;

import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageRef;
import io.berth.events.image.ImageUntagged;
import io.berth.image.ImageException;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.store.ImageStore;
import io.berth.image.store.StoredImage;
import io.berth.image.store.StoredLayer;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The image-service's images as Docker users know them: found by reference, full id or short id;
 * described for events; added with their tags (a tag that moves leaves its old image with an {@link
 * ImageUntagged} event). Every method runs inside the caller's transaction.
 */
@Singleton
public class ImageCatalog {

  private static final Pattern FULL_ID = Pattern.compile("(sha256:)?[0-9a-f]{64}");
  private static final Pattern ID_PREFIX = Pattern.compile("(sha256:)?[0-9a-f]{1,63}");

  private final ImageStore store;

  public ImageCatalog(ImageStore store) {
    this.store = store;
  }

  /** A resolved image and whether the user named it by id rather than by a reference. */
  public record Found(StoredImage image, boolean byId, String reference) {}

  /**
   * Finds an image as Docker does: a full id, then a reference, then a unique id prefix.
   *
   * @throws ImageException {@code NOT_FOUND} with Docker's "No such image" wording
   */
  public Found find(String name) {
    if (FULL_ID.matcher(name).matches()) {
      String id = name.startsWith("sha256:") ? name : "sha256:" + name;
      return store
          .find(id)
          .map(image -> new Found(image, true, null))
          .orElseThrow(() -> noSuch(name));
    }
    if (ImageRef.isValid(name)) {
      String reference = ImageRef.parse(name).toString();
      Optional<StoredImage> tagged = store.tagged(reference).flatMap(store::find);
      if (tagged.isPresent()) {
        return new Found(tagged.get(), false, reference);
      }
    }
    if (ID_PREFIX.matcher(name).matches()) {
      List<String> ids =
          store.idsStartingWith(name.startsWith("sha256:") ? name : "sha256:" + name);
      if (ids.size() == 1) {
        return new Found(store.find(ids.get(0)).orElseThrow(() -> noSuch(name)), true, null);
      }
    }
    throw noSuch(name);
  }

  /** The image a name points to. */
  public StoredImage resolve(String name) {
    return find(name).image();
  }

  /** The event-carried description of an image. */
  public ImageDescriptor describe(StoredImage image) {
    ImageConfigDocument config = ImageConfigDocument.parse(image.config());
    return new ImageDescriptor(
        image.id(),
        image.tags(),
        config.config(),
        image.layers().stream().map(StoredLayer::diffId).toList(),
        image.layers().stream().map(StoredLayer::chainId).toList(),
        image.parentId(),
        image.size(),
        image.created());
  }

  /**
   * Adds an image (unless known) and points references at it.
   *
   * @param config its config
   * @param layers its layers, bottom first, matching the config's diff ids
   * @param parentId its parent, or null
   * @param references references to point at it, normalised
   * @param events receives an {@link ImageUntagged} for each reference taken from another image
   * @return the image as stored now, with all its tags
   */
  public StoredImage add(
      ImageConfigDocument config,
      List<StoredLayer> layers,
      String parentId,
      List<String> references,
      List<Message> events) {
    String id = config.id().value();
    if (config.diffIds().size() != layers.size()) {
      throw new ImageException(
          ErrorCode.INVALID_ARGUMENT,
          "image " + id + " lists " + config.diffIds().size() + " layers but has " + layers.size());
    }
    long size = layers.stream().mapToLong(StoredLayer::size).sum();
    store.add(
        new StoredImage(
            id, config.bytes(), parentId, config.created(), size, null, layers, List.of()));
    for (String reference : references) {
      tag(reference, id).ifPresent(previous -> events.add(new ImageUntagged(previous, reference)));
    }
    return store.find(id).orElseThrow();
  }

  /** Points a reference at an image; returns the image that had it before, if another. */
  public Optional<String> tag(String reference, String imageId) {
    return store.tag(reference, imageId);
  }

  /** Normalises a reference for a tag, refusing ids and digests as Docker does. */
  public static String reference(String repo, String tag) {
    String text = tag == null || tag.isBlank() ? repo : repo + ":" + tag;
    ImageRef ref;
    try {
      ref = ImageRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ImageException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
    if (ref.digest() != null) {
      throw new ImageException(
          ErrorCode.INVALID_ARGUMENT, "refusing to create a tag with a digest reference");
    }
    if (FULL_ID.matcher(ref.repository()).matches()) {
      throw new ImageException(
          ErrorCode.INVALID_ARGUMENT,
          "invalid repository name ("
              + ref.repository()
              + "), cannot specify 64-byte hexadecimal"
              + " strings");
    }
    return ref.toString();
  }

  /** Docker's answer for a name that finds nothing. */
  public static ImageException noSuch(String name) {
    return new ImageException(ErrorCode.NOT_FOUND, "No such image: " + name);
  }

  /** The twelve hex digits Docker shows for an id. */
  public static String shortId(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return hex.substring(0, Math.min(12, hex.length()));
  }
}
