package io.berth.messaging.outbox;

import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the relay when a transaction with outbox rows has committed. */
@Singleton
public class OutboxSignal {

  private final Semaphore permits = new Semaphore(0);

  /** Tells the relay there is work. */
  public void wake() {
    permits.release();
  }

  /** Waits for work or the timeout; returns early when woken. */
  boolean await(long millis) throws InterruptedException {
    boolean woken = permits.tryAcquire(millis, TimeUnit.MILLISECONDS);
    permits.drainPermits();
    return woken;
  }
}
