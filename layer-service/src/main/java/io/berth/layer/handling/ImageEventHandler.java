package io.berth.layer.handling;

import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.image.ImageBuildCompleted;
import io.berth.events.image.ImageBuildStepFinished;
import io.berth.events.image.ImageCommitted;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageImported;
import io.berth.events.image.ImageLoaded;
import io.berth.events.image.ImagePulled;
import io.berth.events.image.ImageRemoved;
import io.berth.events.image.ImageTagged;
import io.berth.layer.content.Digest;
import io.berth.layer.gc.GarbageCollector;
import io.berth.layer.snapshot.Unpacker;
import io.berth.layer.store.BlobRepository;
import io.berth.layer.store.ImageLayerRepository;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;

/**
 * Learns from image events which layers each image uses (event-carried state transfer): those
 * layers' blobs and snapshots are kept; when images are deleted their layers are released and the
 * garbage collector runs. A new image's layers are unpacked in the background, so the first
 * container of it does not wait. Recording is idempotent, so a redelivered event does no harm.
 */
@Singleton
public class ImageEventHandler implements io.berth.messaging.MessageHandler {

  private final ImageLayerRepository imageLayers;
  private final BlobRepository blobs;
  private final TransactionOperations<Connection> transactions;
  private final GarbageCollector collector;
  private final Unpacker unpacker;

  public ImageEventHandler(
      ImageLayerRepository imageLayers,
      BlobRepository blobs,
      TransactionOperations<Connection> transactions,
      GarbageCollector collector,
      Unpacker unpacker) {
    this.imageLayers = imageLayers;
    this.blobs = blobs;
    this.transactions = transactions;
    this.collector = collector;
    this.unpacker = unpacker;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    Message event = message.payload();
    Instant at = message.envelope().time();
    if (event instanceof ImageImported e) {
      remember(List.of(e.image()), at);
    } else if (event instanceof ImageLoaded e) {
      remember(e.images(), at);
    } else if (event instanceof ImageCommitted e) {
      remember(List.of(e.image()), at);
    } else if (event instanceof ImageBuildStepFinished e && !e.cached()) {
      // A cache hit names an image recorded when it was made (its cache entry goes with it).
      remember(List.of(e.image()), at);
    } else if (event instanceof ImageBuildCompleted e) {
      remember(List.of(e.image()), at);
    } else if (event instanceof ImagePulled e) {
      remember(List.of(e.image()), at);
    } else if (event instanceof ImageTagged e) {
      remember(List.of(e.image()), at);
    } else if (event instanceof ImageRemoved e && !e.deleted().isEmpty()) {
      transactions.executeWrite(
          status -> {
            for (String imageId : e.deleted()) {
              // A later event recorded the image again (a load right after an rmi, delivered
              // first): that one wins.
              if (imageLayers.countRecordedAfter(imageId, at) == 0) {
                imageLayers.forget(imageId);
                imageLayers.clearGone(imageId);
                imageLayers.insertGone(imageId, at);
              }
            }
            return null;
          });
      collector.collectSoon();
    }
  }

  private void remember(List<ImageDescriptor> images, Instant at) {
    transactions.executeWrite(
        status -> {
          for (ImageDescriptor image : images) {
            // The image was deleted after this event was written: an old event, delivered late.
            if (imageLayers.countGoneAfter(image.imageId(), at) > 0) {
              continue;
            }
            imageLayers.clearGone(image.imageId());
            for (int i = 0; i < image.diffIds().size(); i++) {
              imageLayers.put(
                  image.imageId(), i, image.diffIds().get(i), image.chainIds().get(i), at);
              // The image holds the layer from now on; the upload's lease is no longer needed.
              blobs.releaseLayer(image.diffIds().get(i));
            }
          }
          return null;
        });
    for (ImageDescriptor image : images) {
      unpacker.unpackSoon(image.diffIds().stream().map(Digest::parse).toList());
    }
  }
}
