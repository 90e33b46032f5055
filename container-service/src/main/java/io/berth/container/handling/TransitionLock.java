package io.berth.container.handling;

import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * Serializes the transactions that publish a container's events. The outbox relay publishes
 * committed rows in the order they were written, so two transactions that overlap could commit, and
 * be published, in the other order (a quick process's {@code Died} before its {@code Started}).
 * Every such transaction runs whole, commit included, while holding this lock: the command and
 * event handlers, the exit watchers, the exec watchers and the build-output forwarders.
 */
@Singleton
public final class TransitionLock {

  /** Runs {@code work} (a whole transaction) holding the lock. */
  public <T> T call(Supplier<T> work) {
    synchronized (this) {
      return work.get();
    }
  }

  /** Runs {@code work} (a whole transaction) holding the lock. */
  public void run(Runnable work) {
    synchronized (this) {
      work.run();
    }
  }
}
