package io.berth.layer.snapshot;

import io.berth.layer.content.ContentLock;
import io.berth.layer.content.Digest;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks a new image's layers in the background (as Docker does at import and load), so its first
 * container finds them ready; on by default, {@code berth.layer.unpack-on-import=false} leaves
 * unpacking to the first snapshot preparation.
 */
@Singleton
public class Unpacker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Unpacker.class);

  private final Snapshotter snapshotter;
  private final ContentLock lock;
  private final boolean enabled;
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "layer-unpacker");
            thread.setDaemon(true);
            return thread;
          });

  public Unpacker(
      Snapshotter snapshotter,
      ContentLock lock,
      @Value("${berth.layer.unpack-on-import:true}") boolean enabled) {
    this.snapshotter = snapshotter;
    this.lock = lock;
    this.enabled = enabled;
  }

  /** Unpacks a chain soon, unless unpacking on import is switched off. */
  public void unpackSoon(List<Digest> diffIds) {
    if (!enabled || diffIds.isEmpty()) {
      return;
    }
    background.execute(
        () -> {
          lock.shared().lock();
          try {
            snapshotter.lowers(diffIds);
          } catch (RuntimeException e) {
            LOG.warn("cannot unpack {} ahead of use: {}", diffIds, e.getMessage());
          } finally {
            lock.shared().unlock();
          }
        });
  }

  @PreDestroy
  @Override
  public void close() {
    background.shutdownNow();
  }
}
