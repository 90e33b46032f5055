package io.berth.launcher.keeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper of the containers of one Berth data directory, hosted by whatever process runs the
 * platform (the supervisor, or a test JVM), because that process outlives a container-service
 * restart: a child subreaper that adopts the containers a dead container-service leaves behind and
 * records their exits ({@link OrphanReaper}), and the holder of their output pipes on {@code <data
 * dir>/run/keeper.sock} ({@link KeeperServer}), where the container-service's {@code
 * Keeper.connect(dataDir)} looks.
 *
 * <p>Call {@link #adoptOrphansSoon()} whenever a process that may have had descendants ended; the
 * keeper also scans every {@link #SCAN_PERIOD_SECONDS} s, for an orphan whose parent lives on.
 */
public final class ContainerKeeper implements AutoCloseable {

  /** Seconds between two scans for orphans. */
  public static final long SCAN_PERIOD_SECONDS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(ContainerKeeper.class);

  private final OrphanReaper orphans;
  private final KeeperServer server;
  private final HeldFds held;
  private final ScheduledExecutorService scans;

  private ContainerKeeper(OrphanReaper orphans, KeeperServer server, HeldFds held) {
    this.orphans = orphans;
    this.server = server;
    this.held = held;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "berth-keeper-scan");
              t.setDaemon(true);
              return t;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.scans = executor;
  }

  /**
   * Becomes the subreaper and opens {@code <dataDir>/run/keeper.sock}; each part that fails is
   * logged and left out.
   *
   * @param dataDir the Berth data directory (exit files go to its {@code container-service/exits})
   * @param own this JVM's own children, never adopted
   * @return empty, after logging why, where this process is not root on Linux
   */
  public static Optional<ContainerKeeper> start(Path dataDir, OrphanReaper.OwnChildren own) {
    if (!isRootOnLinux()) {
      LOG.info(
          "Not keeping containers (needs root on Linux): orphaned containers are not reaped and"
              + " their output does not survive a container-service restart");
      return Optional.empty();
    }
    OrphanReaper reaper = null;
    if (OrphanReaper.becomeSubreaper()) {
      reaper = new OrphanReaper(ExitFiles.under(dataDir), own, OrphanReaper.inOtherSession());
    }
    HeldFds held = new HeldFds();
    KeeperServer server = null;
    Path socket = socket(dataDir);
    try {
      server = KeeperServer.start(socket, held);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn(
          "No fd keeper on {}: container output pipes will not survive a container-service"
              + " restart",
          socket,
          e);
    }
    ContainerKeeper keeper = new ContainerKeeper(reaper, server, held);
    if (reaper != null) {
      keeper.scans.scheduleWithFixedDelay(
          keeper::adoptOrphans, SCAN_PERIOD_SECONDS, SCAN_PERIOD_SECONDS, TimeUnit.SECONDS);
    }
    return Optional.of(keeper);
  }

  /** The keeper socket of a data directory, {@code <dataDir>/run/keeper.sock}. */
  public static Path socket(Path dataDir) {
    return dataDir.resolve("run").resolve("keeper.sock");
  }

  /** The socket being served, or empty when it could not be opened. */
  public Optional<Path> socket() {
    return Optional.ofNullable(server).map(KeeperServer::socket);
  }

  /** Whether orphans are adopted (this process became a child subreaper). */
  public boolean reaps() {
    return orphans != null;
  }

  /** Scans for orphans on the keeper's thread, e.g. from a process's exit callback. */
  public void adoptOrphansSoon() {
    if (orphans == null || scans.isShutdown()) {
      return;
    }
    try {
      scans.execute(this::adoptOrphans);
    } catch (RejectedExecutionException closing) {
      // close() adopts once more itself.
    }
  }

  /**
   * Stops scanning after a last scan (so that what the stopped services left behind is recorded
   * under this data directory), closes the socket and every held fd. Adopted orphans are still
   * waited for: the subreaper belongs to the whole process.
   */
  @Override
  public void close() {
    scans.shutdownNow();
    try {
      scans.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    adoptOrphans();
    if (server != null) {
      server.close();
    }
    held.close();
  }

  private void adoptOrphans() {
    if (orphans == null) {
      return;
    }
    try {
      orphans.adoptOrphans();
    } catch (RuntimeException e) {
      LOG.error("Adopting orphaned processes failed", e);
    }
  }

  private static boolean isRootOnLinux() {
    if (!System.getProperty("os.name").equals("Linux")) {
      return false;
    }
    try {
      // /proc/self belongs to the effective uid of the process reading it.
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot tell the effective uid", e);
      return false;
    }
  }
}
