package io.berth.events.query;

import io.berth.events.container.ContainerConfig;
import io.berth.events.container.HostConfig;
import io.berth.events.container.PortBinding;
import io.berth.events.network.NetworkEndpoint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One container as the container-service knows it: what {@code docker inspect} shows.
 *
 * @param containerId the full id
 * @param name the name, without a leading slash
 * @param image the image reference it was created from
 * @param imageId the image's id
 * @param created when it was created
 * @param config its effective config (the image's config with the request's on top)
 * @param hostConfig its host config
 * @param status Docker's state word: {@code created}, {@code running}, {@code paused}, {@code
 *     restarting}, {@code removing}, {@code exited} or {@code dead}
 * @param pid the host pid of its first process while it runs, else 0
 * @param exitCode the exit code of its last run, 0 before any
 * @param error why its last start or run failed, or null
 * @param oomKilled whether the OOM killer ended its last run
 * @param startedAt when its last run started, or null
 * @param finishedAt when its last run ended, or null
 * @param restartCount how often a restart policy restarted it
 * @param execIds its exec instances
 * @param rootDir the host path of its root file system while mounted, or null
 * @param logPath the host path of its log, or null
 * @param mounts its bind mounts, volumes and tmpfs mounts, as {@code docker inspect}'s {@code
 *     Mounts}
 * @param networks its endpoints, one per network it is connected to
 * @param ports its published ports with the host ports in use while it runs
 */
public record ContainerDetails(
    String containerId,
    String name,
    String image,
    String imageId,
    Instant created,
    ContainerConfig config,
    HostConfig hostConfig,
    String status,
    long pid,
    int exitCode,
    String error,
    boolean oomKilled,
    Instant startedAt,
    Instant finishedAt,
    int restartCount,
    List<String> execIds,
    String rootDir,
    String logPath,
    List<MountPoint> mounts,
    List<NetworkEndpoint> networks,
    List<PortBinding> ports) {
  public ContainerDetails {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(status, "status");
    config = config == null ? ContainerConfig.ofCmd(null) : config;
    hostConfig = hostConfig == null ? HostConfig.defaults() : hostConfig;
    execIds = execIds == null ? List.of() : List.copyOf(execIds);
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
    networks = networks == null ? List.of() : List.copyOf(networks);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** A container without mounts, on no network, with no published port. */
  public ContainerDetails(
      String containerId,
      String name,
      String image,
      String imageId,
      Instant created,
      ContainerConfig config,
      HostConfig hostConfig,
      String status,
      long pid,
      int exitCode,
      String error,
      boolean oomKilled,
      Instant startedAt,
      Instant finishedAt,
      int restartCount,
      List<String> execIds,
      String rootDir,
      String logPath) {
    this(
        containerId,
        name,
        image,
        imageId,
        created,
        config,
        hostConfig,
        status,
        pid,
        exitCode,
        error,
        oomKilled,
        startedAt,
        finishedAt,
        restartCount,
        execIds,
        rootDir,
        logPath,
        List.of(),
        List.of(),
        List.of());
  }
}
