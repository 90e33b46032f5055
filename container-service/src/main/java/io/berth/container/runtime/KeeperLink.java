package io.berth.container.runtime;

import io.berth.container.keeper.ExitRecord;
import io.berth.container.keeper.Keeper;
import io.berth.container.linux.ExitStatus;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a container's output fds to the launcher's keeper ({@link Keeper}), so that its pipes keep
 * a reader while this service is down, and asks it how containers that ended meanwhile exited.
 * Without a keeper (the service run on its own) it does nothing and knows nothing: containers then
 * survive a restart only as long as they write nothing.
 */
@Singleton
public class KeeperLink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KeeperLink.class);

  private final Path dataDir;
  private volatile Keeper keeper;

  public KeeperLink(@Value("${berth.data-dir}") Path dataDir) {
    this.dataDir = dataDir;
  }

  private Optional<Keeper> keeper() {
    Keeper k = keeper;
    if (k == null) {
      synchronized (this) {
        if (keeper == null) {
          keeper = Keeper.connect(dataDir).orElse(null);
        }
        k = keeper;
      }
    }
    return Optional.ofNullable(k);
  }

  /** Asks the keeper to hold the fds; returns its copies as {@code fd,fd}, or null. */
  public String hold(String key, int[] fds) {
    if (fds.length == 0) {
      return null;
    }
    try {
      return keeper()
          .map(
              k ->
                  Arrays.stream(k.hold(key, fds))
                      .mapToObj(Integer::toString)
                      .collect(Collectors.joining(",")))
          .orElse(null);
    } catch (RuntimeException e) {
      LOG.warn("the keeper could not hold the output of {}: {}", key, e.toString());
      return null;
    }
  }

  /** Lets the keeper close its copies. */
  public void release(String key) {
    try {
      keeper().ifPresent(k -> k.release(key));
    } catch (RuntimeException e) {
      LOG.debug("the keeper could not release {}: {}", key, e.toString());
    }
  }

  /** Copies of the fds the keeper holds ({@link #hold}'s answer) into this process, or null. */
  public int[] reclaim(String keeperFds) {
    if (keeperFds == null || keeperFds.isBlank()) {
      return null;
    }
    try {
      Optional<Keeper> k = keeper();
      if (k.isEmpty()) {
        return null;
      }
      return Arrays.stream(keeperFds.split(","))
          .mapToInt(Integer::parseInt)
          .map(fd -> k.get().reclaim(fd))
          .toArray();
    } catch (RuntimeException e) {
      LOG.warn("could not reclaim output fds {} from the keeper: {}", keeperFds, e.toString());
      return null;
    }
  }

  /** How a process that was this service's child ended, as the keeper (its reaper) saw it. */
  public Optional<ExitStatus> exitOf(long pid, long startTime) {
    try {
      return keeper().flatMap(k -> k.exitOf(pid, startTime)).map(ExitRecord::status);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @PreDestroy
  @Override
  public void close() {
    Keeper k = keeper;
    if (k != null) {
      k.close();
    }
  }
}
