package io.berth.container.runtime;

import io.berth.container.linux.ExitStatus;
import io.berth.container.linux.Launched;
import io.berth.container.linux.Linux;
import io.berth.container.linux.LinuxConstants;
import io.berth.container.linux.LinuxException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A process the runtime started (a container's first process or an exec) or re-adopted after a
 * restart: its pidfd, the pumps that copy its output into its {@link ContainerLog} and to attached
 * clients, the caller's end of its stdin, and its exit.
 */
public final class RunningProcess {

  /** Receives output as it is read; stream is {@link ContainerLog#STDOUT} or STDERR. */
  public interface OutputListener {
    void output(int stream, byte[] bytes, int length) throws IOException;

    /** The process's output ended. */
    void closed();
  }

  private final int pid;
  private final int pidfd;
  private final long startTime;
  private final boolean tty;
  private final ContainerLog log;
  private volatile int stdin;
  private final int terminal;
  private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final List<OutputListener> listeners = new CopyOnWriteArrayList<>();
  private final int[] outputFds;
  private volatile String keeperFds;

  private RunningProcess(
      int pid,
      int pidfd,
      long startTime,
      boolean tty,
      ContainerLog log,
      int stdin,
      int terminal,
      int[] outputFds) {
    this.pid = pid;
    this.pidfd = pidfd;
    this.startTime = startTime;
    this.tty = tty;
    this.log = log;
    this.stdin = stdin;
    this.terminal = terminal;
    this.outputFds = outputFds;
  }

  /** Wraps a child just launched: starts its pumps and its reaper (waitid on the pidfd). */
  public static RunningProcess ofChild(
      Launched launched, boolean tty, ContainerLog log, List<OutputListener> initialListeners) {
    int[] outputs =
        launched.terminal() >= 0
            ? new int[] {launched.terminal()}
            : new int[] {launched.stdout(), launched.stderr()};
    RunningProcess process =
        new RunningProcess(
            launched.pid(),
            launched.pidfd(),
            Procfs.startTime(launched.pid()),
            tty,
            log,
            launched.stdin(),
            launched.terminal(),
            outputs);
    process.listeners.addAll(initialListeners);
    process.startPumps();
    Thread reaper =
        new Thread(
            () -> {
              try {
                process.exit.complete(
                    Linux.waitid(LinuxConstants.P_PIDFD, launched.pidfd(), LinuxConstants.WEXITED)
                        .orElseThrow());
              } catch (RuntimeException e) {
                process.exit.completeExceptionally(e);
              }
            },
            "berth-reaper-" + launched.pid());
    reaper.setDaemon(true);
    reaper.start();
    return process;
  }

  /**
   * Re-adopts a process that is not this JVM's child (after a service restart): its output fds were
   * reclaimed by the caller; its exit is noticed by polling the pidfd and its status asked of
   * {@code exitStatus} (the keeper's record), which may be empty when unknown.
   */
  public static RunningProcess adopt(
      int pid,
      int pidfd,
      long startTime,
      boolean tty,
      ContainerLog log,
      int stdin,
      int terminal,
      int[] outputs,
      Supplier<Optional<ExitStatus>> exitStatus) {
    RunningProcess process =
        new RunningProcess(pid, pidfd, startTime, tty, log, stdin, terminal, outputs);
    process.startPumps();
    Thread watcher =
        new Thread(
            () -> {
              try {
                Linux.pollReadable(pidfd, -1);
                Optional<ExitStatus> status = Optional.empty();
                for (int i = 0; i < 50 && status.isEmpty(); i++) {
                  status = exitStatus.get();
                  if (status.isEmpty()) {
                    Thread.sleep(100);
                  }
                }
                process.exit.complete(status.orElse(null));
              } catch (RuntimeException | InterruptedException e) {
                process.exit.completeExceptionally(e);
              }
            },
            "berth-watcher-" + pid);
    watcher.setDaemon(true);
    watcher.start();
    return process;
  }

  private void startPumps() {
    int[] remaining = {outputFds.length};
    for (int i = 0; i < outputFds.length; i++) {
      int fd = outputFds[i];
      int stream = i == 0 ? ContainerLog.STDOUT : ContainerLog.STDERR;
      Thread pump =
          new Thread(
              () -> {
                pump(fd, stream);
                synchronized (remaining) {
                  if (--remaining[0] == 0) {
                    log.flush();
                    listeners.forEach(OutputListener::closed);
                    drained.complete(null);
                  }
                }
              },
              "berth-output-" + pid + "-" + stream);
      pump.setDaemon(true);
      pump.start();
    }
  }

  private void pump(int fd, int stream) {
    byte[] buffer = new byte[32 * 1024];
    try {
      while (true) {
        int n;
        try {
          n = Linux.read(fd, buffer);
        } catch (LinuxException e) {
          // EIO: a terminal whose last slave closed.
          break;
        }
        if (n <= 0) {
          break;
        }
        log.append(stream, buffer, 0, n);
        for (OutputListener listener : listeners) {
          try {
            listener.output(stream, buffer, n);
          } catch (IOException | RuntimeException e) {
            listeners.remove(listener);
          }
        }
      }
    } finally {
      if (fd != terminal) {
        closeQuietly(fd);
      }
    }
  }

  public int pid() {
    return pid;
  }

  public int pidfd() {
    return pidfd;
  }

  public long startTime() {
    return startTime;
  }

  public boolean tty() {
    return tty;
  }

  public ContainerLog log() {
    return log;
  }

  /** The keeper's copies of the output fds ({@code fd,fd}), or null. */
  public String keeperFds() {
    return keeperFds;
  }

  void keeperFds(String fds) {
    this.keeperFds = fds;
  }

  public int stdinFd() {
    return tty ? terminal : stdin;
  }

  /** Completes with the exit status (null when it ended unobserved), after the process ended. */
  public CompletableFuture<ExitStatus> onExit() {
    return exit;
  }

  /** Completes once all output was read. */
  public CompletableFuture<Void> onDrained() {
    return drained;
  }

  public boolean running() {
    return !exit.isDone();
  }

  public void addListener(OutputListener listener) {
    listeners.add(listener);
    if (drained.isDone()) {
      listeners.remove(listener);
      listener.closed();
    }
  }

  public void removeListener(OutputListener listener) {
    listeners.remove(listener);
  }

  /** Writes to the process's stdin (or terminal). */
  public void writeStdin(byte[] bytes, int length) {
    int fd = stdinFd();
    if (fd < 0) {
      return;
    }
    try {
      Linux.writeFully(fd, bytes, length);
    } catch (LinuxException e) {
      // The process closed its stdin or ended.
    }
  }

  /** Closes the caller's end of stdin: the process reads end of file (not for a terminal). */
  public synchronized void closeStdin() {
    if (!tty && stdin >= 0) {
      closeQuietly(stdin);
      stdin = -1;
    }
  }

  /** Resizes the terminal, if there is one. */
  public void resize(int rows, int columns) {
    if (terminal >= 0 && rows > 0 && columns > 0) {
      Linux.setWindowSize(terminal, rows, columns);
    }
  }

  /** Sends a signal through the pidfd; false when the process is already gone. */
  public boolean signal(int signal) {
    try {
      Linux.pidfdSendSignal(pidfd, signal);
      return true;
    } catch (LinuxException e) {
      if (e.errno() == LinuxConstants.ESRCH) {
        return false;
      }
      throw e;
    }
  }

  /** Releases the fds once the process ended and its output was read. */
  public void release() {
    closeStdin();
    if (terminal >= 0) {
      closeQuietly(terminal);
    }
    closeQuietly(pidfd);
  }

  private static void closeQuietly(int fd) {
    try {
      Linux.close(fd);
    } catch (LinuxException e) {
      // already closed
    }
  }
}
