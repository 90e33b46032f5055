package io.berth.layer.gc;

import io.berth.events.EventCodec;
import io.berth.events.layer.BlobDeleted;
import io.berth.layer.content.ContentLock;
import io.berth.layer.content.ContentStore;
import io.berth.layer.content.Digest;
import io.berth.layer.snapshot.Snapshotter;
import io.berth.layer.store.BlobRepository;
import io.berth.layer.store.BlobRow;
import io.berth.layer.store.SnapshotRepository;
import io.berth.layer.store.SnapshotRow;
import io.berth.messaging.ServiceIdentity;
import io.berth.messaging.outbox.Outbox;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the committed snapshots no image and no writable snapshot uses, then the blobs no image
 * or snapshot needs and no lease protects (reference counting through the tables of image layers
 * and writable snapshots, containerd's leases through the blobs' lease times). It holds the
 * exclusive side of the {@link ContentLock}, so an upload or a preparation never sees half a
 * collection.
 */
@Singleton
public class GarbageCollector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

  private final ContentLock lock;
  private final ContentStore store;
  private final Snapshotter snapshotter;
  private final SnapshotRepository snapshots;
  private final BlobRepository blobs;
  private final Outbox outbox;
  private final TransactionOperations<Connection> transactions;
  private final ServiceIdentity identity;
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "garbage-collector");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean pending = new AtomicBoolean();

  public GarbageCollector(
      ContentLock lock,
      ContentStore store,
      Snapshotter snapshotter,
      SnapshotRepository snapshots,
      BlobRepository blobs,
      Outbox outbox,
      TransactionOperations<Connection> transactions,
      ServiceIdentity identity) {
    this.lock = lock;
    this.store = store;
    this.snapshotter = snapshotter;
    this.snapshots = snapshots;
    this.blobs = blobs;
    this.outbox = outbox;
    this.transactions = transactions;
    this.identity = identity;
  }

  /** What one collection removed. */
  public record Result(long blobsRemoved, long snapshotsRemoved, long bytesReclaimed) {}

  /** Collects now, on the caller's thread. */
  public Result collect() {
    lock.exclusive().lock();
    try {
      long snapshotsRemoved = 0;
      long bytes = 0;
      for (SnapshotRow row : snapshots.findCollectable()) {
        try {
          snapshotter.delete(row);
          snapshotsRemoved++;
          bytes += row.size();
        } catch (RuntimeException e) {
          LOG.warn("cannot delete snapshot {}; the next collection tries again", row.id(), e);
        }
      }
      snapshotsRemoved += snapshotter.sweep();
      long blobsRemoved = 0;
      for (BlobRow row : blobs.findCollectable(Instant.now())) {
        try {
          bytes += deleteBlob(row);
          blobsRemoved++;
        } catch (RuntimeException e) {
          LOG.warn("cannot delete blob {}; the next collection tries again", row.digest(), e);
        }
      }
      blobsRemoved += sweepOrphanBlobs();
      if (blobsRemoved + snapshotsRemoved > 0) {
        LOG.info(
            "collected {} blobs and {} snapshots, {} bytes", blobsRemoved, snapshotsRemoved, bytes);
      }
      return new Result(blobsRemoved, snapshotsRemoved, bytes);
    } finally {
      lock.exclusive().unlock();
    }
  }

  /** Collects soon on the collector's own thread; several requests meanwhile make one run. */
  public void collectSoon() {
    if (pending.compareAndSet(false, true)) {
      background.execute(
          () -> {
            pending.set(false);
            try {
              collect();
            } catch (RuntimeException e) {
              LOG.warn("garbage collection failed; the next one tries again", e);
            }
          });
    }
  }

  /** Collects expired uploads now and then, even when no image goes away. */
  @Scheduled(fixedDelay = "${berth.layer.gc-interval:10m}", initialDelay = "30s")
  void periodically() {
    collectSoon();
  }

  /** Deletes blob files no row knows: what a crash left between the move and the commit. */
  private long sweepOrphanBlobs() {
    long removed = 0;
    try {
      for (Digest digest : store.storedDigests()) {
        if (!blobs.existsById(digest.value())) {
          store.delete(digest);
          removed++;
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot sweep the blob directory", e);
    }
    return removed;
  }

  private long deleteBlob(BlobRow row) {
    try {
      long size = store.delete(Digest.parse(row.digest()));
      transactions.executeWrite(
          status -> {
            blobs.deleteById(row.digest());
            outbox.add(
                EventCodec.encodeFirst(
                    identity.source(), new BlobDeleted(row.digest(), row.size())));
            return null;
          });
      return size;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete blob " + row.digest(), e);
    }
  }

  @PreDestroy
  @Override
  public void close() {
    background.shutdownNow();
  }
}
