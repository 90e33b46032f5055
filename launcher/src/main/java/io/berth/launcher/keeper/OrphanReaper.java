package io.berth.launcher.keeper;

import io.berth.launcher.linux.ExitStatus;
import io.berth.launcher.linux.Linux;
import io.berth.launcher.linux.LinuxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adopts the processes orphaned to this JVM (a child subreaper, see prctl(2) {@code
 * PR_SET_CHILD_SUBREAPER}) and records how each ends in the {@link ExitFiles}: when the
 * container-service dies, its containers become children of the supervisor, which must reap them
 * and keep their exit codes for the next container-service.
 *
 * <p>Each adopted child gets a pidfd and a daemon thread blocked in {@code waitid(P_PIDFD, ...)},
 * so that only adopted children are ever reaped here: the JVM's own {@link Process} children are
 * waited for by the JVM, and a {@code waitpid(-1)} would steal their status. The subreaper is a
 * property of the whole process, so an orphan is waited for by one reaper of this JVM only, however
 * many there are.
 */
public final class OrphanReaper {

  /** The children this JVM started itself and reaps through {@link Process}. */
  @FunctionalInterface
  public interface OwnChildren {
    /** Runs {@code scan} with their pids while no new one can be started. */
    void whileStable(Consumer<Set<Long>> scan);
  }

  private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);

  /** Every pid some reaper of this JVM waits for: two waiters would race for one status. */
  private static final Set<Long> WATCHED_IN_JVM = ConcurrentHashMap.newKeySet();

  private final ExitFiles exits;
  private final OwnChildren own;
  private final Predicate<ProcStat> eligible;
  private final Clock clock;
  private final long self = ProcessHandle.current().pid();
  private final Set<Long> watched = ConcurrentHashMap.newKeySet();

  /** A reaper writing to {@code exits}, leaving alone the children {@code own} names. */
  public OrphanReaper(ExitFiles exits, OwnChildren own) {
    this(exits, own, stat -> true);
  }

  /**
   * Like {@link #OrphanReaper(ExitFiles, OwnChildren)}, adopting only the children {@code eligible}
   * accepts (see {@link #inOtherSession()}).
   */
  public OrphanReaper(ExitFiles exits, OwnChildren own, Predicate<ProcStat> eligible) {
    this(exits, own, eligible, Clock.systemUTC());
  }

  OrphanReaper(ExitFiles exits, OwnChildren own, Predicate<ProcStat> eligible, Clock clock) {
    this.exits = exits;
    this.own = own;
    this.eligible = eligible;
    this.clock = clock;
  }

  /**
   * Accepts the processes outside this JVM's session. Containers are started with setsid(2), while
   * whatever else this JVM starts (a test's {@code docker} CLI, say) inherits its session and is
   * waited for through {@link Process}, whose status must not be stolen.
   */
  public static Predicate<ProcStat> inOtherSession() {
    long session = ProcStat.of(ProcessHandle.current().pid()).map(ProcStat::session).orElse(-1L);
    return stat -> stat.session() != session;
  }

  /**
   * Makes this process a child subreaper (prctl(2) {@code PR_SET_CHILD_SUBREAPER}); returns false,
   * after logging why, where the kernel refuses.
   */
  public static boolean becomeSubreaper() {
    try {
      Linux.becomeChildSubreaper();
      return true;
    } catch (LinuxException | LinkageError e) {
      LOG.warn("Cannot become a child subreaper; orphaned containers will not be reaped here", e);
      return false;
    }
  }

  /** The pids of this process's children, from {@code /proc/self/task/<tid>/children}. */
  public static Set<Long> children() {
    Set<Long> pids = new TreeSet<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String list;
        try {
          list = Files.readString(task.resolve("children"), StandardCharsets.US_ASCII);
        } catch (IOException threadGone) {
          continue;
        }
        for (String pid : list.trim().split("\\s+")) {
          if (!pid.isEmpty()) {
            pids.add(Long.parseLong(pid));
          }
        }
      }
    } catch (IOException e) {
      LOG.warn("Cannot list the children of this process", e);
    }
    return pids;
  }

  /**
   * Adopts every child that is neither this JVM's own nor already watched: records its start time,
   * then waits for it in the background. Call it whenever a child that may have had descendants
   * ended (a second crash orphans new processes). Returns the pids adopted now.
   */
  public List<Long> adoptOrphans() {
    exits.deleteExpired(clock.instant());
    List<Long> adopted = new ArrayList<>();
    own.whileStable(
        ownPids -> {
          for (long pid : children()) {
            if (!ownPids.contains(pid) && !WATCHED_IN_JVM.contains(pid) && adopt(pid)) {
              adopted.add(pid);
            }
          }
        });
    if (!adopted.isEmpty()) {
      LOG.info("Adopted {} orphaned process(es): {}", adopted.size(), adopted);
    }
    return adopted;
  }

  /** The pids being waited for. */
  public Set<Long> watched() {
    return Set.copyOf(watched);
  }

  private boolean adopt(long pid) {
    int pidfd;
    try {
      pidfd = Linux.pidfdOpen(pid);
    } catch (LinuxException e) {
      LOG.debug("Not adopting pid {}: {}", pid, e.getMessage());
      return false;
    }
    // Only this reaper reaps adopted children, so the pid cannot have been reused since it was
    // listed unless it was not ours after all: the parent check catches that.
    Optional<ProcStat> stat = ProcStat.of(pid);
    if (stat.isEmpty() || stat.get().ppid() != self || !eligible.test(stat.get())) {
      closeQuietly(pidfd);
      return false;
    }
    if (!WATCHED_IN_JVM.add(pid)) {
      closeQuietly(pidfd);
      return false;
    }
    long startTime = stat.get().startTime();
    watched.add(pid);
    Thread waiter = new Thread(() -> await(pid, startTime, pidfd), "berth-orphan-" + pid);
    waiter.setDaemon(true);
    waiter.start();
    return true;
  }

  private void await(long pid, long startTime, int pidfd) {
    try {
      ExitStatus status = Linux.waitPidfd(pidfd);
      Path file = exits.write(new ExitRecord(pid, startTime, status, clock.instant()));
      LOG.info("Orphan {} ended with exit code {}: {}", pid, status.code(), file);
    } catch (RuntimeException e) {
      LOG.error("Lost the exit of orphan {} (start time {})", pid, startTime, e);
    } finally {
      closeQuietly(pidfd);
      watched.remove(pid);
      WATCHED_IN_JVM.remove(pid);
    }
    // Its own children, if any, are ours now.
    adoptOrphans();
  }

  private static void closeQuietly(int fd) {
    try {
      Linux.close(fd);
    } catch (LinuxException ignored) {
      // Nothing more to release.
    }
  }
}
