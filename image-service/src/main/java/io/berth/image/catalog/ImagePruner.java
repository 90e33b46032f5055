package io.berth.image.catalog;

import io.berth.events.Message;
import io.berth.events.image.ImagePruneRequested;
import io.berth.events.image.ImageRemoved;
import io.berth.events.image.ImagesPruned;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.store.ImageStore;
import io.berth.image.store.StoredImage;
import io.berth.image.store.StoredLayer;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker image prune}: removes dangling images (with {@code -a}, every image no container
 * uses) that match the label and time filters, and reports the layer bytes no image uses any more.
 */
@Singleton
public class ImagePruner {

  private final ImageStore store;
  private final ImageRemover remover;

  public ImagePruner(ImageStore store, ImageRemover remover) {
    this.store = store;
    this.remover = remover;
  }

  /** Prunes; each removal adds its own events, the returned outcome sums them up. */
  public ImagesPruned prune(ImagePruneRequested request, List<Message> events) {
    Set<String> layersBefore = layers(store.all());
    List<String> untagged = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    Map<String, Long> sizes = new java.util.HashMap<>();
    store.all().forEach(image -> image.layers().forEach(l -> sizes.put(l.diffId(), l.size())));
    for (StoredImage image : store.all()) {
      if (deleted.contains(image.id()) || store.find(image.id()).isEmpty()) {
        continue;
      }
      boolean candidate = request.all() || image.tags().isEmpty();
      if (!candidate || !remover.unused(image) || !matches(image, request)) {
        continue;
      }
      ImageRemoved removed = remover.remove(image.id(), true, false, events);
      untagged.addAll(removed.untagged());
      deleted.addAll(removed.deleted());
    }
    Set<String> layersAfter = layers(store.all());
    long reclaimed =
        layersBefore.stream()
            .filter(diffId -> !layersAfter.contains(diffId))
            .mapToLong(diffId -> sizes.getOrDefault(diffId, 0L))
            .sum();
    return new ImagesPruned(request.pruneId(), untagged, deleted, reclaimed);
  }

  private static Set<String> layers(List<StoredImage> images) {
    Set<String> diffIds = new HashSet<>();
    images.forEach(image -> image.layers().stream().map(StoredLayer::diffId).forEach(diffIds::add));
    return diffIds;
  }

  private static boolean matches(StoredImage image, ImagePruneRequested request) {
    if (request.until() != null && !image.created().isBefore(request.until())) {
      return false;
    }
    Map<String, String> labels = ImageConfigDocument.parse(image.config()).labels();
    for (String label : request.labels()) {
      if (!hasLabel(labels, label)) {
        return false;
      }
    }
    for (String label : request.notLabels()) {
      if (hasLabel(labels, label)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLabel(Map<String, String> labels, String filter) {
    int eq = filter.indexOf('=');
    if (eq < 0) {
      return labels.containsKey(filter);
    }
    return filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
  }
}
