package io.berth.image.catalog;

import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.image.ImageRemoved;
import io.berth.events.image.ImageUntagged;
import io.berth.image.ImageException;
import io.berth.image.store.ImageStore;
import io.berth.image.store.StoredImage;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker rmi} with Docker's rules: a reference is untagged and the image deleted only when
 * it was its last reference and nothing uses it; an id deletes the image with all its references
 * unless containers or child images use it (409, some of which {@code -f} overrides); untagged
 * parents left without children are pruned unless {@code --no-prune}.
 *
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/daemon/images/image_delete.go">moby's
 *     image_delete.go</a>
 */
@Singleton
public class ImageRemover {

  private final ImageStore store;
  private final ImageCatalog catalog;

  public ImageRemover(ImageStore store, ImageCatalog catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  /**
   * Removes an image or one of its references.
   *
   * @param events receives the {@link ImageUntagged} events, then the {@link ImageRemoved} outcome
   * @return the outcome
   */
  public ImageRemoved remove(String name, boolean force, boolean noPrune, List<Message> events) {
    ImageCatalog.Found found = catalog.find(name);
    StoredImage image = found.image();
    List<String> untagged = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    if (!found.byId()) {
      store.untag(found.reference());
      untagged.add(found.reference());
      boolean lastReference =
          store.find(image.id()).map(StoredImage::tags).orElse(List.of()).isEmpty();
      if (lastReference
          && store.users(image.id()).isEmpty()
          && store.children(image.id()).isEmpty()) {
        delete(image, deleted);
        if (!noPrune) {
          pruneParents(image, deleted);
        }
      }
    } else {
      refuseIfUsed(image, force);
      for (String reference : image.tags()) {
        store.untag(reference);
        untagged.add(reference);
      }
      delete(image, deleted);
      if (!noPrune) {
        pruneParents(image, deleted);
      }
    }
    untagged.forEach(reference -> events.add(new ImageUntagged(image.id(), reference)));
    ImageRemoved removed = new ImageRemoved(image.id(), untagged, deleted);
    events.add(removed);
    return removed;
  }

  /** Whether an image could go without force: no container and no child uses it. */
  public boolean unused(StoredImage image) {
    return store.users(image.id()).isEmpty() && store.children(image.id()).isEmpty();
  }

  private void refuseIfUsed(StoredImage image, boolean force) {
    String shortId = ImageCatalog.shortId(image.id());
    if (!store.children(image.id()).isEmpty()) {
      throw conflict(shortId, false, "image has dependent child images");
    }
    Map<String, Boolean> users = store.users(image.id());
    Optional<String> running =
        users.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst();
    if (running.isPresent()) {
      throw conflict(
          shortId,
          false,
          "image is being used by running container " + ImageCatalog.shortId(running.get()));
    }
    if (!force && !users.isEmpty()) {
      throw conflict(
          shortId,
          true,
          "image is being used by stopped container "
              + ImageCatalog.shortId(users.keySet().iterator().next()));
    }
    long repositories =
        image.tags().stream().map(tag -> tag.substring(0, tag.lastIndexOf(':'))).distinct().count();
    if (!force && repositories > 1) {
      throw conflict(shortId, true, "image is referenced in multiple repositories");
    }
  }

  private static ImageException conflict(String shortId, boolean canForce, String why) {
    return new ImageException(
        ErrorCode.FAILED_PRECONDITION,
        "conflict: unable to delete "
            + shortId
            + (canForce ? " (must be forced) - " : " (cannot be forced) - ")
            + why);
  }

  private void delete(StoredImage image, List<String> deleted) {
    store.delete(image.id());
    deleted.add(image.id());
  }

  private void pruneParents(StoredImage image, List<String> deleted) {
    String parentId = image.parentId();
    while (parentId != null) {
      Optional<StoredImage> parent = store.find(parentId);
      if (parent.isEmpty() || !parent.get().tags().isEmpty() || !unused(parent.get())) {
        return;
      }
      delete(parent.get(), deleted);
      parentId = parent.get().parentId();
    }
  }
}
