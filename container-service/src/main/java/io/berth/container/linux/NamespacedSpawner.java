package io.berth.container.linux;

import static io.berth.container.linux.LinuxConstants.MS_PRIVATE;
import static io.berth.container.linux.LinuxConstants.MS_REC;
import static io.berth.container.linux.LinuxConstants.O_CREAT;
import static io.berth.container.linux.LinuxConstants.O_RDONLY;
import static io.berth.container.linux.LinuxConstants.O_TRUNC;
import static io.berth.container.linux.LinuxConstants.O_WRONLY;
import static io.berth.container.linux.LinuxConstants.SIGKILL;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts processes in new pid, mount, UTS, IPC, network and cgroup namespaces from one dedicated
 * JVM thread, without a helper process and without JVM start-up.
 *
 * <p>For each spawn the thread unshares the namespaces for itself (unshare(2)), makes its copy of
 * the mount table private, sets the new hostname, and calls posix_spawnp(3): the child is pid 1 of
 * the new pid namespace. The thread then returns to the namespaces it saved at start-up with
 * setns(2). It must: while its children's pid namespace differs from its own, the kernel refuses it
 * new threads (pthread_create fails with EINVAL), which is also why {@code ProcessBuilder}, which
 * starts a reaper thread, is not used. Nothing on the thread between unshare and setns may start a
 * thread, so everything native is allocated before, and JNR's lazy finalizer thread is started when
 * the spawner starts.
 *
 * <p>https://man7.org/linux/man-pages/man2/unshare.2.html,
 * https://man7.org/linux/man-pages/man2/setns.2.html,
 * https://man7.org/linux/man-pages/man3/posix_spawn.3.html
 */
public final class NamespacedSpawner implements AutoCloseable {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ExecutorService thread;
  private final SavedNamespaces home;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile RuntimeException stranded;

  /** Starts the spawner's thread and saves the namespaces it will return to after each spawn. */
  public NamespacedSpawner() {
    this.thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "berth-spawner-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      this.home =
          await(
              thread.submit(
                  () -> {
                    Linux.preload();
                    return SavedNamespaces.ofCurrentThread();
                  }));
    } catch (RuntimeException e) {
      thread.shutdownNow();
      throw e;
    }
  }

  /**
   * Starts {@code spec}'s command in new namespaces; returns once it runs.
   *
   * @throws LinuxException naming the call that failed, e.g. posix_spawnp with ENOENT for a program
   *     that does not exist; the spawner stays usable
   * @throws IllegalStateException if an earlier spawn left the thread unable to get home
   */
  public NamespacedProcess spawn(SpawnSpec spec) {
    Objects.requireNonNull(spec, "spec");
    long called = System.nanoTime();
    checkUsable();
    return await(thread.submit(() -> spawnOnThisThread(spec, called)));
  }

  /** Runs {@code task} on the spawner thread: for tests and diagnostics of that thread. */
  <T> T callOnSpawnerThread(Callable<T> task) {
    checkUsable();
    return await(thread.submit(task));
  }

  /** Stops the thread after pending spawns; processes already started keep running. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the spawner thread did not finish its spawns");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the spawner", e);
    }
    home.close();
  }

  private NamespacedProcess spawnOnThisThread(SpawnSpec spec, long called) {
    long pickedUp = System.nanoTime();
    String[] argv = spec.argv().toArray(String[]::new);
    String[] envp = spec.env().toArray(String[]::new);
    try (SpawnFileActions actions = standardStreams(spec);
        SpawnAttributes attributes = SpawnAttributes.forContainerInit()) {
      long prepared = System.nanoTime();
      Set<Namespace> namespaces = spec.namespaces();
      Linux.unshare(Namespace.flags(namespaces));
      long isolated;
      long spawned;
      int pid;
      try {
        isolate(spec);
        isolated = System.nanoTime();
        pid = Linux.posixSpawnp(actions, attributes, argv, envp);
        spawned = System.nanoTime();
      } catch (RuntimeException e) {
        returnHome(namespaces, e);
        throw e;
      }
      int pidfd = -1;
      try {
        returnHome(namespaces, null);
        pidfd = Linux.pidfdOpen(pid);
        long restored = System.nanoTime();
        StartTimings timings =
            StartTimings.between(called, pickedUp, prepared, isolated, spawned, restored);
        NamespacedProcess process = new NamespacedProcess(pid, pidfd, timings);
        process.startReaper();
        return process;
      } catch (RuntimeException | Error e) {
        undoSpawn(pid, pidfd, e);
        throw e;
      }
    }
  }

  /** The work done inside the new namespaces before the child starts. */
  private static void isolate(SpawnSpec spec) {
    if (spec.namespaces().contains(Namespace.MOUNT)) {
      // The copied mounts may be shared with the host's; nothing mounted here may propagate back.
      Linux.mount(null, "/", null, MS_REC | MS_PRIVATE, null);
    }
    if (spec.hostname() != null) {
      Linux.sethostname(spec.hostname());
    }
  }

  private static SpawnFileActions standardStreams(SpawnSpec spec) {
    SpawnFileActions actions = new SpawnFileActions();
    try {
      actions.open(0, "/dev/null", O_RDONLY, 0);
      actions.open(1, pathOrDevNull(spec.stdout()), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (spec.stderr() != null && spec.stderr().equals(spec.stdout())) {
        actions.dup2(1, 2);
      } else {
        actions.open(2, pathOrDevNull(spec.stderr()), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      }
      return actions.closeFrom(3);
    } catch (RuntimeException e) {
      actions.close();
      throw e;
    }
  }

  private static String pathOrDevNull(Path path) {
    return path == null ? "/dev/null" : path.toAbsolutePath().toString();
  }

  /**
   * setns(2) back home. If that fails the thread is stranded in a pid namespace where it cannot
   * start threads, so the spawner refuses further work.
   */
  private void returnHome(Set<Namespace> namespaces, RuntimeException pending) {
    try {
      home.restore(namespaces);
    } catch (RuntimeException e) {
      stranded = e;
      thread.shutdown();
      if (pending == null) {
        throw e;
      }
      pending.addSuppressed(e);
    }
  }

  /** Undoes a spawn whose handle cannot be made, reaping on this thread (no thread needed). */
  private static void undoSpawn(int pid, int pidfd, Throwable cause) {
    try {
      Linux.kill(pid, SIGKILL);
      Linux.waitpid(pid, 0);
      if (pidfd >= 0) {
        Linux.close(pidfd);
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private void checkUsable() {
    if (stranded != null) {
      throw new IllegalStateException("the spawner thread could not return home", stranded);
    }
  }

  private static <T> T await(Future<T> future) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          // A spawn in flight cannot be undone from here: wait for it, keep the interrupt.
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
