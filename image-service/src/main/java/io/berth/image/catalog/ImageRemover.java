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
 * {@code docker rmi} with moby's rules, ported from {@code ImageDelete} and {@code
 * imageDeleteHelper}: a reference is untagged (refused while it is the image's only reference and a
 * container uses the image, unless forced) and the image deleted once no reference is left and
 * nothing stops it; an id deletes the image with its references unless a conflict stops it.
 * Conflicts are checked in moby's order — dependent child images and running containers (which
 * {@code -f} cannot override), then other references and stopped containers (which it can) — and
 * worded as moby words them. Untagged parents left dangling are pruned unless {@code --no-prune}.
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

  /** The conflicts moby checks before deleting an image, in its order. */
  private enum Conflict {
    DEPENDENT_CHILD(true),
    RUNNING_CONTAINER(true),
    ACTIVE_REFERENCE(false),
    STOPPED_CONTAINER(false);

    final boolean hard;

    Conflict(boolean hard) {
      this.hard = hard;
    }
  }

  private static final List<Conflict> HARD =
      List.of(Conflict.DEPENDENT_CHILD, Conflict.RUNNING_CONTAINER);
  private static final List<Conflict> ALL = List.of(Conflict.values());

  /** A conflict found, with moby's message and whether a container uses the image. */
  private record Found(Conflict conflict, String message, boolean used) {}

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
    boolean removedReference = false;
    if (!found.byId()) {
      if (!force && image.tags().size() == 1) {
        Optional<String> user = store.users(image.id()).keySet().stream().findFirst();
        if (user.isPresent()) {
          throw new ImageException(
              ErrorCode.FAILED_PRECONDITION,
              "conflict: unable to remove repository reference \""
                  + name
                  + "\" (must force) - container "
                  + ImageCatalog.shortId(user.get())
                  + " is using its referenced image "
                  + ImageCatalog.shortId(image.id()));
        }
      }
      store.untag(found.reference());
      untagged.add(found.reference());
      if (!tags(image.id()).isEmpty()) {
        return outcome(image.id(), untagged, deleted, events);
      }
      removedReference = true;
    } else if (image.tags().size() == 1) {
      List<Conflict> mask = new ArrayList<>(HARD);
      if (!force) {
        mask.add(Conflict.STOPPED_CONTAINER);
      }
      check(image, mask).ifPresent(conflict -> refuse(image, conflict));
      for (String reference : image.tags()) {
        store.untag(reference);
        untagged.add(reference);
      }
    }
    delete(image.id(), force, !noPrune, removedReference, untagged, deleted);
    return outcome(image.id(), untagged, deleted, events);
  }

  /** Whether an image could go without force: no container and no child uses it. */
  public boolean unused(StoredImage image) {
    return store.users(image.id()).isEmpty() && store.children(image.id()).isEmpty();
  }

  private void delete(
      String imageId,
      boolean force,
      boolean prune,
      boolean quiet,
      List<String> untagged,
      List<String> deleted) {
    StoredImage image = store.find(imageId).orElseThrow();
    Optional<Found> conflict = check(image, force ? HARD : ALL);
    if (conflict.isPresent()) {
      // After removing a reference, moby keeps an image quietly when it is still in use or
      // still tagged, rather than failing the untag that already happened.
      if (quiet && (!dangling(image) || conflict.get().used())) {
        return;
      }
      refuse(image, conflict.get());
    }
    for (String reference : tags(imageId)) {
      store.untag(reference);
      untagged.add(reference);
    }
    store.delete(imageId);
    deleted.add(imageId);
    if (!prune || image.parentId() == null) {
      return;
    }
    Optional<StoredImage> parent = store.find(image.parentId());
    if (parent.isPresent() && dangling(parent.get())) {
      delete(parent.get().id(), false, true, true, untagged, deleted);
    }
  }

  private Optional<Found> check(StoredImage image, List<Conflict> mask) {
    for (Conflict conflict : mask) {
      Optional<Found> found = find(image, conflict);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<Found> find(StoredImage image, Conflict conflict) {
    Map<String, Boolean> users = store.users(image.id());
    return switch (conflict) {
      case DEPENDENT_CHILD ->
          store.children(image.id()).isEmpty()
              ? Optional.empty()
              : Optional.of(new Found(conflict, "image has dependent child images", false));
      case RUNNING_CONTAINER ->
          users.entrySet().stream()
              .filter(Map.Entry::getValue)
              .findFirst()
              .map(
                  e ->
                      new Found(
                          conflict,
                          "image is being used by running container "
                              + ImageCatalog.shortId(e.getKey()),
                          true));
      case ACTIVE_REFERENCE ->
          tags(image.id()).isEmpty()
              ? Optional.empty()
              : Optional.of(
                  new Found(conflict, "image is referenced in multiple repositories", false));
      case STOPPED_CONTAINER ->
          users.entrySet().stream()
              .filter(e -> !e.getValue())
              .findFirst()
              .map(
                  e ->
                      new Found(
                          conflict,
                          "image is being used by stopped container "
                              + ImageCatalog.shortId(e.getKey()),
                          true));
    };
  }

  private static void refuse(StoredImage image, Found conflict) {
    throw new ImageException(
        ErrorCode.FAILED_PRECONDITION,
        "conflict: unable to delete "
            + ImageCatalog.shortId(image.id())
            + (conflict.conflict().hard ? " (cannot be forced) - " : " (must be forced) - ")
            + conflict.message());
  }

  private boolean dangling(StoredImage image) {
    return tags(image.id()).isEmpty() && store.children(image.id()).isEmpty();
  }

  private List<String> tags(String imageId) {
    return store.find(imageId).map(StoredImage::tags).orElse(List.of());
  }

  private static ImageRemoved outcome(
      String imageId, List<String> untagged, List<String> deleted, List<Message> events) {
    untagged.forEach(reference -> events.add(new ImageUntagged(imageId, reference)));
    ImageRemoved removed = new ImageRemoved(imageId, untagged, deleted);
    events.add(removed);
    return removed;
  }
}
