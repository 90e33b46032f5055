package io.berth.gateway.docker.json;

import io.berth.events.container.ContainerConfig;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.HostConfig;
import io.berth.events.container.Mount;
import io.berth.events.query.ContainerDetails;
import io.berth.events.query.MountPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /containers/{id}/json}: the Engine API's {@code ContainerInspectResponse} built from
 * what the container-service knows ({@link ContainerDetails}). Keys Go writes with {@code
 * omitempty} are left out when empty; the rest are always written, null where Go writes null.
 */
public final class ContainerInspectJson {

  private ContainerInspectJson() {}

  /** The whole answer. */
  public static Map<String, Object> of(ContainerDetails c) {
    List<String> command = new ArrayList<>(c.config().entrypoint());
    command.addAll(c.config().cmd());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Id", c.containerId());
    body.put("Created", GoTime.rfc3339Nano(c.created()));
    body.put("Path", command.isEmpty() ? "" : command.get(0));
    body.put("Args", command.isEmpty() ? List.of() : command.subList(1, command.size()));
    body.put("State", state(c));
    body.put("Image", c.imageId() == null ? "" : c.imageId());
    body.put("ResolvConfPath", "");
    body.put("HostnamePath", "");
    body.put("HostsPath", "");
    body.put("LogPath", c.logPath() == null ? "" : c.logPath());
    body.put("Name", "/" + c.name());
    body.put("RestartCount", c.restartCount());
    body.put("Driver", "overlay2");
    body.put("Platform", "linux");
    body.put("MountLabel", "");
    body.put("ProcessLabel", "");
    body.put("AppArmorProfile", "");
    body.put("ExecIDs", c.execIds().isEmpty() ? null : c.execIds());
    body.put("HostConfig", hostConfig(c.hostConfig()));
    body.put("GraphDriver", graphDriver(c));
    body.put("Mounts", mounts(c.mounts()));
    body.put("Config", config(c));
    body.put(
        "NetworkSettings",
        NetworkJson.settings(
            c.hostConfig().networkMode(),
            c.networks(),
            c.config().exposedPorts(),
            c.ports(),
            c.status().equals("running") || c.status().equals("paused")));
    return body;
  }

  /** {@code State}: paused and restarting containers are running too, as in Docker. */
  static Map<String, Object> state(ContainerDetails c) {
    String status = c.status();
    boolean running =
        status.equals("running") || status.equals("paused") || status.equals("restarting");
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("Status", status);
    state.put("Running", running);
    state.put("Paused", status.equals("paused"));
    state.put("Restarting", status.equals("restarting"));
    state.put("OOMKilled", c.oomKilled());
    state.put("Dead", status.equals("dead"));
    state.put("Pid", running ? c.pid() : 0);
    state.put("ExitCode", c.exitCode());
    state.put("Error", c.error() == null ? "" : c.error());
    state.put("StartedAt", time(c.startedAt()));
    state.put("FinishedAt", time(c.finishedAt()));
    return state;
  }

  static Map<String, Object> hostConfig(HostConfig h) {
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("Binds", h.binds().isEmpty() ? null : h.binds());
    host.put("ContainerIDFile", "");
    host.put("LogConfig", Map.of("Type", "json-file", "Config", Map.of()));
    host.put("NetworkMode", h.networkMode());
    host.put("PortBindings", NetworkJson.portBindings(h.portBindings()));
    host.put("RestartPolicy", restartPolicy(h.restartPolicy()));
    host.put("AutoRemove", h.autoRemove());
    host.put("VolumeDriver", "");
    host.put("VolumesFrom", null);
    host.put("ConsoleSize", List.of(0, 0));
    host.put("CapAdd", null);
    host.put("CapDrop", null);
    host.put("CgroupnsMode", "private");
    host.put("Dns", h.dns());
    host.put("DnsOptions", List.of());
    host.put("DnsSearch", List.of());
    host.put("ExtraHosts", h.extraHosts().isEmpty() ? null : h.extraHosts());
    host.put("GroupAdd", null);
    host.put("IpcMode", "private");
    host.put("Cgroup", "");
    host.put("Links", null);
    host.put("OomScoreAdj", 0);
    host.put("PidMode", "");
    host.put("Privileged", h.privileged());
    host.put("PublishAllPorts", h.publishAllPorts());
    host.put("ReadonlyRootfs", false);
    host.put("SecurityOpt", null);
    host.put("UTSMode", "");
    host.put("UsernsMode", "");
    host.put("ShmSize", 67_108_864L);
    host.put("Runtime", "runc");
    host.put("Isolation", "");
    host.put("CpuShares", h.cpuShares());
    host.put("Memory", h.memory());
    host.put("NanoCpus", h.nanoCpus());
    host.put("CgroupParent", "");
    host.put("BlkioWeight", 0);
    host.put("BlkioWeightDevice", List.of());
    host.put("BlkioDeviceReadBps", List.of());
    host.put("BlkioDeviceWriteBps", List.of());
    host.put("BlkioDeviceReadIOps", List.of());
    host.put("BlkioDeviceWriteIOps", List.of());
    host.put("CpuPeriod", 0);
    host.put("CpuQuota", 0);
    host.put("CpuRealtimePeriod", 0);
    host.put("CpuRealtimeRuntime", 0);
    host.put("CpusetCpus", "");
    host.put("CpusetMems", "");
    host.put("Devices", List.of());
    host.put("DeviceCgroupRules", null);
    host.put("DeviceRequests", null);
    host.put("MemoryReservation", 0);
    host.put("MemorySwap", 0);
    host.put("MemorySwappiness", null);
    host.put("OomKillDisable", null);
    host.put("PidsLimit", h.pidsLimit() > 0 ? h.pidsLimit() : null);
    host.put("Ulimits", List.of());
    host.put("CpuCount", 0);
    host.put("CpuPercent", 0);
    host.put("IOMaximumIOps", 0);
    host.put("IOMaximumBandwidth", 0);
    host.put("MaskedPaths", h.privileged() ? null : MASKED_PATHS);
    host.put("ReadonlyPaths", h.privileged() ? null : READONLY_PATHS);
    host.put(
        "Mounts",
        h.mounts().isEmpty()
            ? null
            : h.mounts().stream().map(ContainerInspectJson::mount).toList());
    host.put("Tmpfs", h.tmpfs().isEmpty() ? null : h.tmpfs());
    return host;
  }

  /** {@code on-failure:3} as {@code {"Name":"on-failure","MaximumRetryCount":3}}. */
  static Map<String, Object> restartPolicy(String policy) {
    int colon = policy.indexOf(':');
    String name = colon < 0 ? policy : policy.substring(0, colon);
    int retries = 0;
    if (colon >= 0) {
      try {
        retries = Integer.parseInt(policy.substring(colon + 1));
      } catch (NumberFormatException e) {
        retries = 0;
      }
    }
    Map<String, Object> restart = new LinkedHashMap<>();
    restart.put("Name", name);
    restart.put("MaximumRetryCount", retries);
    return restart;
  }

  static Map<String, Object> config(ContainerDetails c) {
    ContainerConfig config = c.config();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "Hostname",
        config.hostname() == null ? ContainerIds.shortId(c.containerId()) : config.hostname());
    body.put("Domainname", "");
    body.put("User", config.user() == null ? "" : config.user());
    // The contract does not carry the attach flags yet: these are what docker run sends.
    body.put("AttachStdin", config.openStdin());
    body.put("AttachStdout", true);
    body.put("AttachStderr", true);
    if (!config.exposedPorts().isEmpty()) {
      Map<String, Object> ports = new LinkedHashMap<>();
      config.exposedPorts().forEach(port -> ports.put(port, Map.of()));
      body.put("ExposedPorts", ports);
    }
    body.put("Tty", config.tty());
    body.put("OpenStdin", config.openStdin());
    body.put("StdinOnce", false);
    body.put("Env", config.env().isEmpty() ? null : config.env());
    body.put("Cmd", config.cmd().isEmpty() ? null : config.cmd());
    body.put("Image", c.image() == null ? "" : c.image());
    body.put("Volumes", volumes(config.volumes()));
    body.put("WorkingDir", config.workingDir() == null ? "" : config.workingDir());
    body.put("Entrypoint", config.entrypoint().isEmpty() ? null : config.entrypoint());
    body.put("OnBuild", null);
    body.put("Labels", config.labels());
    if (config.stopSignal() != null) {
      body.put("StopSignal", config.stopSignal());
    }
    return body;
  }

  static Map<String, Object> graphDriver(ContainerDetails c) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (c.rootDir() != null) {
      data.put("MergedDir", c.rootDir());
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("Data", data);
    driver.put("Name", "overlay2");
    return driver;
  }

  private static String time(Instant instant) {
    return instant == null ? GoTime.ZERO : GoTime.rfc3339Nano(instant);
  }

  /** moby's default masked paths ({@code oci/defaults.go}). */
  private static final List<String> MASKED_PATHS =
      List.of(
          "/proc/asound",
          "/proc/acpi",
          "/proc/interrupts",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/proc/scsi",
          "/sys/firmware",
          "/sys/devices/virtual/powercap");

  /** moby's default read-only paths. */
  private static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  // --- storage -------------------------------------------------------------------------------

  /** {@code Mounts}: Docker's {@code MountPoint} for each bind, volume and tmpfs. */
  static List<Map<String, Object>> mounts(List<MountPoint> mounts) {
    return mounts.stream()
        .map(
            m -> {
              Map<String, Object> mount = new LinkedHashMap<>();
              mount.put("Type", m.type());
              if (m.name() != null) {
                mount.put("Name", m.name());
              }
              mount.put("Source", m.source());
              mount.put("Destination", m.destination());
              if (m.driver() != null) {
                mount.put("Driver", m.driver());
              }
              mount.put("Mode", m.mode());
              mount.put("RW", m.rw());
              mount.put("Propagation", m.propagation());
              return mount;
            })
        .toList();
  }

  /** A {@code HostConfig.Mounts} entry as the request gave it. */
  static Map<String, Object> mount(Mount m) {
    Map<String, Object> mount = new LinkedHashMap<>();
    mount.put("Type", m.type());
    mount.put("Source", m.source());
    mount.put("Target", m.target());
    if (m.readOnly()) {
      mount.put("ReadOnly", true);
    }
    if (m.noCopy() || !m.volumeLabels().isEmpty()) {
      mount.put("VolumeOptions", Map.of("NoCopy", m.noCopy(), "Labels", m.volumeLabels()));
    }
    if (m.tmpfsSizeBytes() > 0 || m.tmpfsMode() > 0) {
      Map<String, Object> tmpfs = new LinkedHashMap<>();
      if (m.tmpfsSizeBytes() > 0) {
        tmpfs.put("SizeBytes", m.tmpfsSizeBytes());
      }
      if (m.tmpfsMode() > 0) {
        tmpfs.put("Mode", m.tmpfsMode());
      }
      mount.put("TmpfsOptions", tmpfs);
    }
    return mount;
  }

  /** {@code Config.Volumes}: the anonymous volume paths, each with an empty object. */
  static Map<String, Object> volumes(List<String> paths) {
    if (paths.isEmpty()) {
      return null;
    }
    Map<String, Object> volumes = new LinkedHashMap<>();
    paths.forEach(path -> volumes.put(path, Map.of()));
    return volumes;
  }
}
