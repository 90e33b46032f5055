package io.berth.container.linux;

import static io.berth.container.linux.LinuxConstants.ESRCH;
import static io.berth.container.linux.LinuxConstants.P_PIDFD;
import static io.berth.container.linux.LinuxConstants.SIGKILL;
import static io.berth.container.linux.LinuxConstants.WEXITED;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process {@link NamespacedSpawner} started: pid 1 of its own pid namespace, held through a pidfd
 * (pidfd_open(2)) so that signals and the wait can never reach a recycled pid.
 *
 * <p>A daemon thread blocks in waitid(2) on the pidfd and reaps the process the moment it exits. It
 * waits for this one process only, never for "any child", so it cannot steal the exit of a process
 * the JDK started, and the JDK's reaper (which waits for its own pids) cannot steal this one.
 * {@link #close()} kills the process if it still runs, which ends everything in its pid namespace
 * (pid_namespaces(7)).
 */
public final class NamespacedProcess implements AutoCloseable {

  private static final Duration DEATH_TIMEOUT = Duration.ofSeconds(10);

  private final int pid;
  private final int pidfd;
  private final StartTimings timings;
  private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
  private final Thread reaper;
  private boolean closed;

  NamespacedProcess(int pid, int pidfd, StartTimings timings) {
    this.pid = pid;
    this.pidfd = pidfd;
    this.timings = timings;
    this.reaper = new Thread(this::reap, "berth-reaper-" + pid);
    reaper.setDaemon(true);
  }

  /** Called by the spawner once its thread may start threads again. */
  void startReaper() {
    reaper.start();
  }

  /** The process id as the host (and this JVM) sees it; inside its namespace it is 1. */
  public int pid() {
    return pid;
  }

  /** How long the start took, phase by phase. */
  public StartTimings timings() {
    return timings;
  }

  /** Completes with the exit status once the process has exited and been reaped. */
  public CompletableFuture<ExitStatus> onExit() {
    return exit.copy();
  }

  /**
   * Waits for the process to exit.
   *
   * @throws TimeoutException if it still runs after {@code timeout}
   */
  public ExitStatus waitFor(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      return exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  /**
   * Sends {@code signal} (pidfd_send_signal(2)). From outside its pid namespace only SIGKILL and
   * SIGSTOP reach pid 1 unconditionally; other signals need a handler installed by the process.
   *
   * @throws LinuxException with ESRCH once the process has exited
   */
  public synchronized void kill(int signal) {
    if (closed) {
      throw new IllegalStateException("process " + pid + " is closed");
    }
    Linux.pidfdSendSignal(pidfd, signal);
  }

  /**
   * Kills the process if it still runs (SIGKILL), waits for it to be reaped, and closes the pidfd.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (!exit.isDone()) {
      try {
        Linux.pidfdSendSignal(pidfd, SIGKILL);
      } catch (LinuxException e) {
        if (e.errno() != ESRCH) {
          throw e;
        }
      }
    }
    try {
      exit.get(DEATH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while process " + pid + " was dying", e);
    } catch (TimeoutException e) {
      // The reaper still waits on the pidfd; closing it now could let waitid(2) see a reused fd.
      throw new IllegalStateException("process " + pid + " not reaped " + DEATH_TIMEOUT, e);
    } catch (ExecutionException e) {
      // The reaper failed; the pidfd is no longer in use, so it may be closed.
    }
    closed = true;
    Linux.close(pidfd);
  }

  private void reap() {
    try {
      exit.complete(Linux.waitid(P_PIDFD, pidfd, WEXITED).orElseThrow());
    } catch (RuntimeException e) {
      exit.completeExceptionally(e);
    }
  }

  @Override
  public String toString() {
    return "NamespacedProcess[pid=" + pid + ", exited=" + exit.isDone() + "]";
  }
}
