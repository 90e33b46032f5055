package io.berth.layer.content;

import jakarta.inject.Singleton;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps the garbage collector apart from writers: uploads and snapshot preparations hold the shared
 * side while they make or lease something, the collector holds the exclusive side while it decides
 * and deletes, so it never deletes what a concurrent import is about to reference.
 */
@Singleton
public class ContentLock {

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

  /** The side writers hold. */
  public Lock shared() {
    return lock.readLock();
  }

  /** The side the garbage collector holds. */
  public Lock exclusive() {
    return lock.writeLock();
  }
}
