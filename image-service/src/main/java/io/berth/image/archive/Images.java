package io.berth.image.archive;

import io.berth.events.image.ImageRef;
import io.berth.image.config.Digest;
import io.berth.image.config.ImageConfigDocument;
import java.util.ArrayList;
import java.util.List;

/** Checks shared by both archive layouts when they turn members into an {@link ArchiveImage}. */
final class Images {

  private Images() {}

  static ImageConfigDocument config(byte[] bytes, String member) throws ArchiveException {
    try {
      return ImageConfigDocument.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new ArchiveException("config " + member + ": " + e.getMessage(), e);
    }
  }

  static ImageRef tag(String text, String where) throws ArchiveException {
    try {
      return ImageRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ArchiveException(where + " has a bad tag " + text + ": " + e.getMessage(), e);
    }
  }

  /** Builds the image after checking that its layers are the ones its config lists. */
  static ArchiveImage image(
      ImageConfigDocument config, List<ImageRef> tags, List<StoredBlob> layers, Digest parent)
      throws ArchiveException {
    String name = tags.isEmpty() ? config.id().toString() : tags.get(0).toString();
    List<Digest> layerDiffIds = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (!layers.get(i).isLayer()) {
        throw new ArchiveException("image " + name + ": layer " + (i + 1) + " is not a tar");
      }
      layerDiffIds.add(layers.get(i).diffId());
    }
    if (!layerDiffIds.equals(config.diffIds())) {
      throw new ArchiveException(
          "image "
              + name
              + ": its config lists diff ids "
              + config.diffIds()
              + " but its layers have "
              + layerDiffIds);
    }
    return new ArchiveImage(config, tags, layers, parent);
  }
}
