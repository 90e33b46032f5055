package io.berth.container.runtime;

import io.berth.container.linux.ExitStatus;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Hands a container's output fds to the launcher's keeper, so that its pipes keep a reader while
 * this service is down, and asks it how containers that ended meanwhile exited. Without a keeper
 * (the service run alone) it does nothing and knows nothing.
 */
@Singleton
public class KeeperLink {

  /** Asks the keeper to hold the fds; returns its copies as {@code fd,fd}, or null. */
  public String hold(String key, int[] fds) {
    return null;
  }

  /** Lets the keeper close its copies. */
  public void release(String key) {}

  /** Copies of the fds the keeper holds ({@link #hold}'s answer) into this process, or null. */
  public int[] reclaim(String keeperFds) {
    return null;
  }

  /** How a process that was this service's child ended, as the keeper (its reaper) saw it. */
  public Optional<ExitStatus> exitOf(long pid, long startTime) {
    return Optional.empty();
  }
}
