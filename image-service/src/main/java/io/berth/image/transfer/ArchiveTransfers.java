package io.berth.image.transfer;

import io.berth.events.ErrorCode;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageLoadRequested;
import io.berth.events.image.ImageLoaded;
import io.berth.events.image.ImageRef;
import io.berth.events.image.ImageSaveRequested;
import io.berth.events.image.ImageSaved;
import io.berth.image.ImageException;
import io.berth.image.archive.ArchiveException;
import io.berth.image.archive.ArchiveImage;
import io.berth.image.archive.ArchiveReader;
import io.berth.image.archive.ArchiveWriter;
import io.berth.image.archive.SavedImage;
import io.berth.image.archive.SavedLayer;
import io.berth.image.archive.StoredBlob;
import io.berth.image.catalog.ImageCatalog;
import io.berth.image.config.Digest;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.content.ContentClient;
import io.berth.image.content.RemoteBlob;
import io.berth.image.handling.ImageCommandHandler.Effect;
import io.berth.image.store.ImageStore;
import io.berth.image.store.StoredImage;
import io.berth.image.store.StoredLayer;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker load} and {@code docker save} between archives in the content store and image
 * records: a load reads the archive once, sends each layer to the content store, has every chain
 * unpacked (so an unsafe layer refuses the whole load before anything is recorded) and leaves the
 * recording to the transaction; a save streams the archive into the content store.
 */
@Singleton
public class ArchiveTransfers {

  private final ContentClient content;
  private final ImageCatalog catalog;
  private final ImageStore store;
  private final TransactionOperations<Connection> transactions;

  public ArchiveTransfers(
      ContentClient content,
      ImageCatalog catalog,
      ImageStore store,
      TransactionOperations<Connection> transactions) {
    this.content = content;
    this.catalog = catalog;
    this.store = store;
    this.transactions = transactions;
  }

  /** Reads and stores an archive's layers; the effect records its images. */
  public Effect prepareLoad(ImageLoadRequested request) {
    List<ArchiveImage> images;
    try (InputStream archive = content.open(request.archiveDigest())) {
      ArchiveReader reader =
          new ArchiveReader((path, member, size) -> stored(content.upload(member, size)));
      images = reader.read(archive);
      for (ArchiveImage image : images) {
        if (!image.layers().isEmpty()) {
          content.unpack(image.layers().stream().map(l -> l.diffId().value()).toList());
        }
      }
    } catch (ArchiveException e) {
      return refuse(new ImageException(ErrorCode.INVALID_ARGUMENT, e.getMessage()));
    } catch (IOException e) {
      return refuse(
          new ImageException(ErrorCode.INTERNAL, "cannot read the archive: " + e.getMessage()));
    } catch (ImageException e) {
      return refuse(e);
    }
    return events -> {
      List<ImageDescriptor> loaded = new ArrayList<>();
      List<String> named = new ArrayList<>();
      for (ArchiveImage image : images) {
        List<Digest> chain = image.config().chainIds();
        List<StoredLayer> layers = new ArrayList<>();
        for (int i = 0; i < image.layers().size(); i++) {
          StoredBlob blob = image.layers().get(i);
          layers.add(
              new StoredLayer(
                  blob.diffId().value(),
                  chain.get(i).value(),
                  blob.digest().value(),
                  blob.mediaType(),
                  blob.diffSize()));
        }
        String parent =
            image.parent() != null && store.exists(image.parent().value())
                ? image.parent().value()
                : null;
        List<String> references = image.repoTags().stream().map(ImageRef::toString).toList();
        named.addAll(references);
        StoredImage stored = catalog.add(image.config(), layers, parent, references, events);
        loaded.add(catalog.describe(stored));
      }
      events.add(new ImageLoaded(request.archiveDigest(), loaded, named));
    };
  }

  /** Writes the named images into one archive in the content store. */
  public Effect save(ImageSaveRequested request) {
    try {
      List<SavedImage> images = transactions.executeRead(status -> resolve(request.images()));
      ArchiveWriter writer = new ArchiveWriter(diffId -> content.openLayer(diffId.value()));
      RemoteBlob archive = content.upload(out -> writer.write(images, out));
      List<String> ids = images.stream().map(image -> image.config().id().value()).toList();
      return events ->
          events.add(new ImageSaved(request.saveId(), ids, archive.digest(), archive.size()));
    } catch (ImageException e) {
      return refuse(e);
    }
  }

  private List<SavedImage> resolve(List<String> names) {
    Map<String, StoredImage> images = new LinkedHashMap<>();
    Map<String, List<ImageRef>> tags = new LinkedHashMap<>();
    for (String name : names) {
      ImageCatalog.Found found = catalog.find(name);
      images.putIfAbsent(found.image().id(), found.image());
      List<ImageRef> refs = tags.computeIfAbsent(found.image().id(), id -> new ArrayList<>());
      if (!found.byId()) {
        ImageRef ref = ImageRef.parse(found.reference());
        if (!refs.contains(ref)) {
          refs.add(ref);
        }
      }
    }
    List<SavedImage> saved = new ArrayList<>();
    for (StoredImage image : images.values()) {
      saved.add(
          new SavedImage(
              ImageConfigDocument.parse(image.config()),
              tags.get(image.id()),
              image.layers().stream()
                  .map(l -> new SavedLayer(Digest.parse(l.diffId()), l.size()))
                  .toList()));
    }
    return saved;
  }

  private static StoredBlob stored(RemoteBlob blob) {
    return new StoredBlob(
        Digest.parse(blob.digest()),
        blob.size(),
        blob.mediaType(),
        blob.diffId() == null ? null : Digest.parse(blob.diffId()),
        blob.diffSize());
  }

  private static Effect refuse(ImageException e) {
    return events -> {
      throw e;
    };
  }
}
