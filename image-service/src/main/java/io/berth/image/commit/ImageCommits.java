package io.berth.image.commit;

import io.berth.events.ErrorCode;
import io.berth.events.image.ImageCommitRequested;
import io.berth.events.image.ImageCommitted;
import io.berth.image.ImageException;
import io.berth.image.catalog.ImageCatalog;
import io.berth.image.config.CommitConfig;
import io.berth.image.config.Digest;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.config.RunConfig;
import io.berth.image.content.ContentClient;
import io.berth.image.content.RemoteBlob;
import io.berth.image.handling.ImageCommandHandler.Effect;
import io.berth.image.store.StoredImage;
import io.berth.image.store.StoredLayer;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker commit}, the image-service's part: the container-service has had the layer-service
 * turn the container's changes into a layer blob; this writes the image on top of the container's
 * image (its layers and history plus the new layer, the container's config with the changes) and
 * records it with its tag.
 */
@Singleton
public class ImageCommits {

  private static final String DOCKER_VERSION = "berth-0.1.0";

  private final ContentClient content;
  private final ImageCatalog catalog;

  public ImageCommits(ContentClient content, ImageCatalog catalog) {
    this.content = content;
    this.catalog = catalog;
  }

  /**
   * Prepares a commit: the new layer is looked up in the content store before the transaction; the
   * returned effect records the image, or refuses.
   */
  public Effect prepare(ImageCommitRequested request) {
    RemoteBlob blob;
    try {
      blob =
          content
              .info(request.layerDigest())
              .filter(RemoteBlob::isLayer)
              .orElseThrow(
                  () ->
                      new ImageException(
                          ErrorCode.NOT_FOUND,
                          "the layer " + request.layerDigest() + " is not in the content store"));
      if (!blob.diffId().equals(request.diffId())) {
        throw new ImageException(
            ErrorCode.INVALID_ARGUMENT,
            "the layer "
                + request.layerDigest()
                + " has the diff id "
                + blob.diffId()
                + ", not "
                + request.diffId());
      }
    } catch (ImageException e) {
      return events -> {
        throw e;
      };
    }
    return events -> {
      StoredImage parent = catalog.resolve(request.parentImageId());
      ImageConfigDocument parentConfig = ImageConfigDocument.parse(parent.config());
      RunConfig container =
          CommitConfig.containerConfig(
              request.config(), parentConfig.runConfig(), request.parentImageId());
      RunConfig config;
      try {
        config = CommitConfig.imageConfig(container, request.changes());
      } catch (IllegalArgumentException e) {
        throw new ImageException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
      }
      List<String> references =
          request.repo() == null
              ? List.of()
              : List.of(ImageCatalog.reference(request.repo(), request.tag()));
      ImageConfigDocument document =
          CommitConfig.document(
              parentConfig,
              Digest.parse(request.diffId()),
              config,
              container,
              request.containerId(),
              request.author(),
              request.comment(),
              Instant.now(),
              DOCKER_VERSION);
      List<StoredLayer> layers = new ArrayList<>(parent.layers());
      List<Digest> chain = document.chainIds();
      if (chain.size() > layers.size()) { // no layer when the container changed nothing
        layers.add(
            new StoredLayer(
                request.diffId(),
                chain.get(chain.size() - 1).value(),
                blob.digest(),
                blob.mediaType(),
                blob.diffSize()));
      }
      StoredImage image = catalog.add(document, layers, parent.id(), references, events);
      events.add(new ImageCommitted(catalog.describe(image), request.containerId()));
    };
  }
}
