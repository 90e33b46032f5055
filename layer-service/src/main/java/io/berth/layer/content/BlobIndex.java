package io.berth.layer.content;

import io.berth.events.EventCodec;
import io.berth.events.layer.BlobStored;
import io.berth.layer.store.BlobRepository;
import io.berth.layer.store.BlobRow;
import io.berth.messaging.ServiceIdentity;
import io.berth.messaging.outbox.Outbox;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The content store and its index together: a blob written here is on disk, in the index, leased
 * against the garbage collector, and announced with {@link BlobStored} (once, when it is new).
 */
@Singleton
public class BlobIndex {

  private final ContentStore store;
  private final ContentLock lock;
  private final BlobRepository blobs;
  private final Outbox outbox;
  private final TransactionOperations<Connection> transactions;
  private final ServiceIdentity identity;
  private final Duration lease;

  public BlobIndex(
      ContentStore store,
      ContentLock lock,
      BlobRepository blobs,
      Outbox outbox,
      TransactionOperations<Connection> transactions,
      ServiceIdentity identity,
      @Value("${berth.layer.upload-lease:1h}") Duration lease) {
    this.store = store;
    this.lock = lock;
    this.blobs = blobs;
    this.outbox = outbox;
    this.transactions = transactions;
    this.identity = identity;
    this.lease = lease;
  }

  /**
   * Stores a stream, indexes it and leases it.
   *
   * @param in the bytes
   * @param expected the digest the writer promised, or null
   * @param mediaType the media type the writer gave, or null
   */
  public BlobInfo put(InputStream in, Digest expected, String mediaType) throws IOException {
    // The bytes arrive without the lock (an upload can be slow); only moving them into place and
    // recording them hold its shared side, so the collector never waits on a slow client.
    try (ContentStore.Staged staged = store.stage(in, expected, mediaType)) {
      lock.shared().lock();
      try {
        store.commit(staged);
        record(staged.info());
        return staged.info();
      } finally {
        lock.shared().unlock();
      }
    }
  }

  // Serialised: two uploads of the same new bytes must not both insert its row.
  private synchronized void record(BlobInfo info) {
    Instant now = Instant.now();
    transactions.executeWrite(
        status -> {
          Optional<BlobRow> known = blobs.findById(info.digest().value());
          if (known.isPresent()) {
            blobs.lease(info.digest().value(), now.plus(lease));
            return null;
          }
          blobs.save(
              new BlobRow(
                  info.digest().value(),
                  info.mediaType(),
                  info.size(),
                  info.diffId() == null ? null : info.diffId().value(),
                  info.diffSize(),
                  now,
                  now.plus(lease)));
          outbox.add(
              EventCodec.encodeFirst(
                  identity.source(),
                  new BlobStored(
                      info.digest().value(),
                      info.size(),
                      info.mediaType(),
                      info.diffId() == null ? null : info.diffId().value())));
          return null;
        });
  }

  /** What the index knows about a blob whose file exists. */
  public Optional<BlobInfo> find(Digest digest) {
    return blobs.findById(digest.value()).filter(row -> store.exists(digest)).map(BlobIndex::info);
  }

  /** The blob that holds a layer, preferring an uncompressed one. */
  public Optional<BlobInfo> findLayer(Digest diffId) {
    return blobs.findLayers(diffId.value()).stream()
        .filter(row -> store.exists(Digest.parse(row.digest())))
        .findFirst()
        .map(BlobIndex::info);
  }

  static BlobInfo info(BlobRow row) {
    return new BlobInfo(
        Digest.parse(row.digest()),
        row.size(),
        row.mediaType(),
        row.diffId() == null ? null : Digest.parse(row.diffId()),
        row.diffSize());
  }
}
