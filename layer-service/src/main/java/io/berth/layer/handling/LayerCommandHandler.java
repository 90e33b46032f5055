package io.berth.layer.handling;

import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.layer.BlobDeleteRequested;
import io.berth.events.layer.BlobDeleted;
import io.berth.events.layer.ContextCopied;
import io.berth.events.layer.ContextCopyRequested;
import io.berth.events.layer.DiffCommitRequested;
import io.berth.events.layer.DiffCommitted;
import io.berth.events.layer.DirectoryLayerRequested;
import io.berth.events.layer.GarbageCollectRequested;
import io.berth.events.layer.GarbageCollected;
import io.berth.events.layer.SnapshotPrepareRequested;
import io.berth.events.layer.SnapshotPrepared;
import io.berth.events.layer.SnapshotRemoveRequested;
import io.berth.events.layer.SnapshotRemoved;
import io.berth.layer.LayerException;
import io.berth.layer.content.BlobIndex;
import io.berth.layer.content.BlobInfo;
import io.berth.layer.content.ContentLock;
import io.berth.layer.content.ContentStore;
import io.berth.layer.content.Digest;
import io.berth.layer.copy.ContextCopier;
import io.berth.layer.gc.GarbageCollector;
import io.berth.layer.snapshot.Differ;
import io.berth.layer.snapshot.Prepared;
import io.berth.layer.snapshot.Snapshotter;
import io.berth.layer.store.ActiveSnapshotRepository;
import io.berth.layer.store.ActiveSnapshotRow;
import io.berth.layer.store.BlobRepository;
import io.berth.layer.store.ImageLayerRepository;
import io.berth.layer.store.SnapshotRow;
import io.berth.messaging.ExactlyOnce;
import io.berth.messaging.MessageHandler;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies layer commands exactly once: snapshot preparation and removal, diffs, the layers of build
 * copies, blob deletion and garbage collection. Slow file work (unpacking, diffing, collecting)
 * happens before the transaction that records its result and announces it; it is idempotent, so a
 * redelivered command only finds it done.
 */
@Singleton
public class LayerCommandHandler implements MessageHandler {

  private final ExactlyOnce exactlyOnce;
  private final Snapshotter snapshotter;
  private final ActiveSnapshotRepository actives;
  private final ContentLock lock;
  private final Differ differ;
  private final GarbageCollector collector;
  private final BlobIndex index;
  private final BlobRepository blobs;
  private final ContentStore store;
  private final ImageLayerRepository imageLayers;
  private final ContextCopier copier;

  public LayerCommandHandler(
      ExactlyOnce exactlyOnce,
      Snapshotter snapshotter,
      ActiveSnapshotRepository actives,
      ContentLock lock,
      Differ differ,
      GarbageCollector collector,
      BlobIndex index,
      BlobRepository blobs,
      ContentStore store,
      ImageLayerRepository imageLayers,
      ContextCopier copier) {
    this.exactlyOnce = exactlyOnce;
    this.snapshotter = snapshotter;
    this.actives = actives;
    this.lock = lock;
    this.differ = differ;
    this.collector = collector;
    this.index = index;
    this.blobs = blobs;
    this.store = store;
    this.imageLayers = imageLayers;
    this.copier = copier;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    Message payload = message.payload();
    if (payload instanceof SnapshotPrepareRequested prepare) {
      prepare(message, prepare);
    } else if (payload instanceof SnapshotRemoveRequested remove) {
      exactlyOnce.handle("commands", message, in -> List.of(remove(remove.key())));
      collector.collectSoon();
    } else if (payload instanceof DiffCommitRequested diff) {
      diff(message, diff);
    } else if (payload instanceof ContextCopyRequested copy) {
      buildLayer(message, copy.key(), () -> copier.copy(copy));
    } else if (payload instanceof DirectoryLayerRequested directory) {
      buildLayer(message, directory.key(), () -> copier.directory(directory));
    } else if (payload instanceof BlobDeleteRequested delete) {
      lock.exclusive().lock();
      try {
        exactlyOnce.handle("commands", message, in -> List.of(deleteBlob(delete.digest())));
      } finally {
        lock.exclusive().unlock();
      }
    } else if (payload instanceof GarbageCollectRequested gc) {
      GarbageCollector.Result collected;
      RuntimeException failed = null;
      try {
        collected = collector.collect();
      } catch (RuntimeException e) {
        collected = null;
        failed = e;
      }
      GarbageCollector.Result result = collected;
      RuntimeException failure = failed;
      exactlyOnce.handle(
          "commands",
          message,
          in -> {
            if (failure != null) {
              throw new LayerException(
                  ErrorCode.INTERNAL, "garbage collection failed: " + failure.getMessage());
            }
            return List.of(
                new GarbageCollected(
                    gc.collectionId(),
                    result.blobsRemoved(),
                    result.snapshotsRemoved(),
                    result.bytesReclaimed()));
          });
    } else {
      exactlyOnce.handle(
          "commands",
          message,
          in -> {
            throw new LayerException(
                ErrorCode.FAILED_PRECONDITION,
                in.envelope().type() + " is not handled by the layer-service");
          });
    }
  }

  private void prepare(Enveloped<Message> message, SnapshotPrepareRequested prepare) {
    lock.shared().lock();
    try {
      List<Digest> diffIds = prepare.diffIds().stream().map(Digest::parse).toList();
      List<SnapshotRow> lowers;
      LayerException refused = null;
      try {
        lowers = snapshotter.lowers(diffIds);
      } catch (LayerException e) {
        lowers = List.of();
        refused = e;
      }
      LayerException failure = refused;
      List<SnapshotRow> chain = lowers;
      Digest parent =
          prepare.parentChainId() == null ? null : Digest.parse(prepare.parentChainId());
      exactlyOnce.handle(
          "commands",
          message,
          in -> {
            if (failure != null) {
              throw failure;
            }
            ActiveSnapshotRow row = snapshotter.activate(prepare.key(), parent, chain);
            actives.save(row);
            Prepared ready = snapshotter.describe(row);
            return List.of(
                new SnapshotPrepared(
                    ready.key(),
                    ready.parentChainId(),
                    ready.lowerDirs().stream().map(Path::toString).toList(),
                    ready.upperDir().toString(),
                    ready.workDir().toString()));
          });
    } finally {
      lock.shared().unlock();
    }
  }

  private SnapshotRemoved remove(String key) {
    ActiveSnapshotRow row =
        snapshotter
            .find(key)
            .orElseThrow(() -> new LayerException(ErrorCode.NOT_FOUND, "no snapshot named " + key));
    actives.deleteById(key);
    try {
      snapshotter.deactivate(row);
    } catch (java.io.UncheckedIOException e) {
      throw new LayerException(
          ErrorCode.INTERNAL, "cannot delete snapshot " + key + ": " + e.getMessage());
    }
    return new SnapshotRemoved(key);
  }

  private void diff(Enveloped<Message> message, DiffCommitRequested diff) {
    BlobInfo made = null;
    LayerException refused = null;
    try {
      ActiveSnapshotRow row =
          snapshotter
              .find(diff.key())
              .orElseThrow(
                  () -> new LayerException(ErrorCode.NOT_FOUND, "no snapshot named " + diff.key()));
      made = differ.commit(snapshotter.describe(row).upperDir());
    } catch (LayerException e) {
      refused = e;
    } catch (IOException e) {
      refused =
          new LayerException(
              ErrorCode.INTERNAL, "cannot diff snapshot " + diff.key() + ": " + e.getMessage());
    }
    BlobInfo blob = made;
    LayerException failure = refused;
    exactlyOnce.handle(
        "commands",
        message,
        in -> {
          if (failure != null) {
            throw failure;
          }
          return List.of(
              new DiffCommitted(
                  diff.key(),
                  blob.digest().value(),
                  blob.diffId().value(),
                  blob.size(),
                  blob.mediaType()));
        });
  }

  /**
   * Makes a layer for a build (a copy or a directory) outside the exactly-once transaction, then
   * answers with it, or fails the command with its error.
   */
  private void buildLayer(
      Enveloped<Message> message, String key, Supplier<ContextCopier.Copied> make) {
    ContextCopier.Copied made = null;
    LayerException refused = null;
    try {
      made = make.get();
    } catch (LayerException e) {
      refused = e;
    }
    ContextCopier.Copied layer = made;
    LayerException failure = refused;
    exactlyOnce.handle(
        "commands",
        message,
        in -> {
          if (failure != null) {
            throw failure;
          }
          return List.of(
              new ContextCopied(
                  key,
                  layer.blob().digest().value(),
                  layer.blob().diffId().value(),
                  layer.blob().size(),
                  layer.blob().mediaType(),
                  layer.files()));
        });
  }

  private BlobDeleted deleteBlob(String digest) {
    var row =
        blobs
            .findById(digest)
            .orElseThrow(
                () -> new LayerException(ErrorCode.NOT_FOUND, "blob not found: " + digest));
    if (row.diffId() != null && imageLayers.countUses(row.diffId()) > 0) {
      throw new LayerException(
          ErrorCode.FAILED_PRECONDITION, "blob " + digest + " holds a layer an image uses");
    }
    boolean collectable =
        blobs.findCollectable(java.time.Instant.now()).stream()
            .anyMatch(candidate -> candidate.digest().equals(digest));
    if (!collectable) {
      throw new LayerException(
          ErrorCode.FAILED_PRECONDITION,
          "blob " + digest + " is leased by an upload in progress or used by a snapshot");
    }
    try {
      store.delete(Digest.parse(digest));
    } catch (IOException e) {
      throw new LayerException(ErrorCode.INTERNAL, "cannot delete " + digest + ": " + e);
    }
    blobs.deleteById(digest);
    return new BlobDeleted(digest, row.size());
  }
}
