package io.berth.image.transfer;

import io.berth.events.ErrorCode;
import io.berth.events.image.ImageImportRequested;
import io.berth.events.image.ImageImported;
import io.berth.image.ImageException;
import io.berth.image.catalog.ImageCatalog;
import io.berth.image.config.Changes;
import io.berth.image.config.Digest;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.config.ImageConfigFactory;
import io.berth.image.config.RunConfig;
import io.berth.image.content.ContentClient;
import io.berth.image.content.RemoteBlob;
import io.berth.image.handling.ImageCommandHandler.Effect;
import io.berth.image.store.StoredImage;
import io.berth.image.store.StoredLayer;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * {@code docker import}: the tar is checked and unpacked by the content store before the
 * transaction; what is left for the transaction is an {@link Effect} that records the image and
 * adds the events (or, when the import failed, refuses). Load and save are {@link
 * ArchiveTransfers}.
 */
@Singleton
public class ImageTransfers {

  private final ContentClient content;
  private final ImageCatalog catalog;
  private final ImageConfigFactory configs = ImageConfigFactory.forHost("berth-0.1.0");

  public ImageTransfers(ContentClient content, ImageCatalog catalog) {
    this.content = content;
    this.catalog = catalog;
  }

  /** Prepares {@code docker import}: the tar is one layer; the config is made from the changes. */
  public Effect prepareImport(ImageImportRequested request) {
    try {
      RemoteBlob blob =
          content
              .info(request.archiveDigest())
              .orElseThrow(
                  () ->
                      new ImageException(
                          ErrorCode.NOT_FOUND,
                          "the archive "
                              + request.archiveDigest()
                              + " is not in the content store"));
      if (!blob.isLayer()) {
        throw new ImageException(
            ErrorCode.INVALID_ARGUMENT,
            "the imported content is not a tar archive (plain, gzip or zstd)");
      }
      content.unpack(List.of(blob.diffId()));
      RunConfig config;
      try {
        config = Changes.apply(RunConfig.empty(), request.changes());
      } catch (IllegalArgumentException e) {
        throw new ImageException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
      }
      ImageConfigDocument document =
          configs.forImport(
              Digest.parse(blob.diffId()),
              request.source(),
              request.message(),
              config,
              Instant.now());
      List<String> references =
          request.repo() == null
              ? List.of()
              : List.of(ImageCatalog.reference(request.repo(), request.tag()));
      StoredLayer layer =
          new StoredLayer(
              blob.diffId(), blob.diffId(), blob.digest(), blob.mediaType(), blob.diffSize());
      return events -> {
        StoredImage image = catalog.add(document, List.of(layer), null, references, events);
        events.add(new ImageImported(catalog.describe(image), request.source()));
      };
    } catch (ImageException e) {
      return events -> {
        throw e;
      };
    }
  }
}
