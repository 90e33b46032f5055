package io.berth.container.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * The runtime's record of a container: its current or last process and its root file system.
 *
 * @param id the container id
 * @param pid the host pid of its first process while it runs, else 0
 * @param startTime that process's start time (proc_pid_stat(5) field 22), -1 when none
 * @param exitCode the exit code of its last run
 * @param error why its last start or run failed, or null
 * @param oomKilled whether the OOM killer ended its last run
 * @param startedAt when its last run started, or null
 * @param finishedAt when its last run ended, or null
 * @param restartCount how often its restart policy restarted it
 * @param manuallyStopped whether a stop, kill or restart by a user ended its last run (no policy
 *     restart then)
 * @param lowerDirs its overlay's lower directories, joined by {@code :}, or null while prepared
 * @param upperDir its writable layer, or null while prepared
 * @param workDir overlayfs's work directory, or null while prepared
 * @param createCause the create command's envelope as JSON until the root is prepared, else null
 * @param keeperFds the keeper's copies of its output fds, {@code fd,fd}, or null
 */
@MappedEntity("container_run")
public record ContainerRunRow(
    @Id String id,
    long pid,
    long startTime,
    int exitCode,
    @Nullable String error,
    boolean oomKilled,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    int restartCount,
    boolean manuallyStopped,
    @Nullable String lowerDirs,
    @Nullable String upperDir,
    @Nullable String workDir,
    @Nullable String createCause,
    @Nullable String keeperFds) {

  /** A new container's record, waiting for its root. */
  public static ContainerRunRow creating(String id, String createCause) {
    return new ContainerRunRow(
        id, 0, -1, 0, null, false, null, null, 0, false, null, null, null, createCause, null);
  }

  public boolean rootReady() {
    return upperDir != null;
  }

  public ContainerRunRow withRoot(String lowerDirs, String upperDir, String workDir) {
    return new ContainerRunRow(
        id,
        pid,
        startTime,
        exitCode,
        error,
        oomKilled,
        startedAt,
        finishedAt,
        restartCount,
        manuallyStopped,
        lowerDirs,
        upperDir,
        workDir,
        null,
        keeperFds);
  }

  public ContainerRunRow started(long pid, long startTime, Instant at, boolean restart) {
    return new ContainerRunRow(
        id,
        pid,
        startTime,
        0,
        null,
        false,
        at,
        null,
        restart ? restartCount + 1 : restartCount,
        false,
        lowerDirs,
        upperDir,
        workDir,
        createCause,
        null);
  }

  public ContainerRunRow exited(int exitCode, boolean oomKilled, Instant at, String error) {
    return new ContainerRunRow(
        id,
        0,
        -1,
        exitCode,
        error,
        oomKilled,
        startedAt,
        at,
        restartCount,
        manuallyStopped,
        lowerDirs,
        upperDir,
        workDir,
        createCause,
        null);
  }

  public ContainerRunRow stoppedByUser() {
    return new ContainerRunRow(
        id,
        pid,
        startTime,
        exitCode,
        error,
        oomKilled,
        startedAt,
        finishedAt,
        restartCount,
        true,
        lowerDirs,
        upperDir,
        workDir,
        createCause,
        keeperFds);
  }

  public ContainerRunRow withKeeperFds(String fds) {
    return new ContainerRunRow(
        id,
        pid,
        startTime,
        exitCode,
        error,
        oomKilled,
        startedAt,
        finishedAt,
        restartCount,
        manuallyStopped,
        lowerDirs,
        upperDir,
        workDir,
        createCause,
        fds);
  }

  public ContainerRunRow withError(int exitCode, String error) {
    return new ContainerRunRow(
        id,
        pid,
        startTime,
        exitCode,
        error,
        oomKilled,
        startedAt,
        finishedAt,
        restartCount,
        manuallyStopped,
        lowerDirs,
        upperDir,
        workDir,
        createCause,
        keeperFds);
  }
}
