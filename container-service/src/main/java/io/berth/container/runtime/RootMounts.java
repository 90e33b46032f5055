package io.berth.container.runtime;

import io.berth.container.ContainerException;
import io.berth.container.linux.Linux;
import io.berth.container.linux.LinuxConstants;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRunRepository;
import io.berth.container.store.ContainerRunRow;
import io.berth.events.ErrorCode;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A container's root file system as a host path, for {@code docker cp}: a running container's
 * through {@code /proc/<pid>/root}; a created or stopped one's overlay mounted for the moment on a
 * disposable thread with a mount namespace of its own, so nothing is mounted on the host and
 * nothing is left when the thread ends.
 */
@Singleton
public class RootMounts {

  private final ContainerRuntime runtime;
  private final ContainerRunRepository runs;

  public RootMounts(ContainerRuntime runtime, ContainerRunRepository runs) {
    this.runtime = runtime;
    this.runs = runs;
  }

  /** Runs {@code work} with the container's root; on the calling thread when it runs. */
  public <T> T withRoot(ContainerRow row, Function<Path, T> work) {
    RunningProcess process = runtime.process(row.id()).orElse(null);
    if (process != null && process.running()) {
      return work.apply(Path.of("/proc/" + process.pid() + "/root"));
    }
    ContainerRunRow run =
        runs.findById(row.id())
            .filter(ContainerRunRow::rootReady)
            .orElseThrow(
                () ->
                    new ContainerException(
                        ErrorCode.FAILED_PRECONDITION,
                        "container " + row.id() + " has no root file system yet"));
    Path rootfs = runtime.bundle(row.id()).resolve("rootfs");
    BlockingQueue<Object> result = new ArrayBlockingQueue<>(1);
    Thread thread =
        new Thread(
            () -> {
              Object outcome;
              try {
                Linux.unshare(LinuxConstants.CLONE_FS | LinuxConstants.CLONE_NEWNS);
                Linux.mount(
                    null, "/", null, LinuxConstants.MS_REC | LinuxConstants.MS_PRIVATE, null);
                Files.createDirectories(rootfs);
                String lowers = run.lowerDirs();
                if (lowers == null || lowers.isEmpty()) {
                  Path empty = runtime.bundle(row.id()).resolve("empty");
                  Files.createDirectories(empty);
                  lowers = empty.toString();
                }
                Linux.mount(
                    "overlay",
                    rootfs.toString(),
                    "overlay",
                    0,
                    "lowerdir="
                        + lowers
                        + ",upperdir="
                        + run.upperDir()
                        + ",workdir="
                        + run.workDir());
                outcome = work.apply(rootfs);
              } catch (Throwable e) {
                outcome = e;
              }
              result.add(outcome == null ? NULL : outcome);
            },
            "berth-root-" + row.id().substring(0, 12));
    thread.setDaemon(true);
    thread.start();
    Object outcome;
    try {
      outcome = result.poll(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (outcome instanceof RuntimeException e) {
      throw e;
    }
    if (outcome instanceof Throwable t) {
      throw new IllegalStateException(t);
    }
    @SuppressWarnings("unchecked")
    T value = outcome == NULL ? null : (T) outcome;
    return value;
  }

  private static final Object NULL = new Object();
}
