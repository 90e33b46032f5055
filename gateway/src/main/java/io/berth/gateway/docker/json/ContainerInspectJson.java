package io.berth.gateway.docker.json;

import io.berth.events.container.ContainerConfig;
import io.berth.events.container.HostConfig;
import io.berth.events.query.ContainerDetails;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /containers/{id}/json}: Docker's inspect document built from the details. */
public final class ContainerInspectJson {

  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private ContainerInspectJson() {}

  public static Map<String, Object> of(ContainerDetails c) {
    ContainerConfig config = c.config();
    HostConfig host = c.hostConfig();
    List<String> commandLine = new ArrayList<>(config.entrypoint());
    commandLine.addAll(config.cmd());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Id", c.containerId());
    json.put("Created", time(c.created()));
    json.put("Path", commandLine.isEmpty() ? "" : commandLine.get(0));
    json.put(
        "Args", commandLine.isEmpty() ? List.of() : commandLine.subList(1, commandLine.size()));
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("Status", c.status());
    state.put("Running", c.status().equals("running") || c.status().equals("paused"));
    state.put("Paused", c.status().equals("paused"));
    state.put("Restarting", c.status().equals("restarting"));
    state.put("OOMKilled", c.oomKilled());
    state.put("Dead", c.status().equals("dead"));
    state.put("Pid", c.pid());
    state.put("ExitCode", c.exitCode());
    state.put("Error", c.error() == null ? "" : c.error());
    state.put("StartedAt", c.startedAt() == null ? ZERO_TIME : time(c.startedAt()));
    state.put("FinishedAt", c.finishedAt() == null ? ZERO_TIME : time(c.finishedAt()));
    json.put("State", state);
    json.put("Image", c.imageId());
    json.put("ResolvConfPath", "");
    json.put("HostnamePath", "");
    json.put("HostsPath", "");
    json.put("LogPath", c.logPath() == null ? "" : c.logPath());
    json.put("Name", "/" + c.name());
    json.put("RestartCount", c.restartCount());
    json.put("Driver", "overlay2");
    json.put("Platform", "linux");
    json.put("MountLabel", "");
    json.put("ProcessLabel", "");
    json.put("AppArmorProfile", "");
    json.put("ExecIDs", c.execIds().isEmpty() ? null : c.execIds());
    json.put("HostConfig", hostConfig(host));
    json.put(
        "GraphDriver",
        Map.of(
            "Name",
            "overlay2",
            "Data",
            c.rootDir() == null ? Map.of() : Map.of("MergedDir", c.rootDir())));
    json.put("Mounts", List.of());
    json.put("Config", config(c, config));
    json.put("NetworkSettings", networkSettings(host));
    return json;
  }

  private static Map<String, Object> hostConfig(HostConfig host) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Binds", host.binds().isEmpty() ? null : host.binds());
    json.put("NetworkMode", host.networkMode());
    json.put("PortBindings", Map.of());
    String policy = host.restartPolicy();
    int retries = 0;
    if (policy.startsWith("on-failure:")) {
      retries = Integer.parseInt(policy.substring("on-failure:".length()));
      policy = "on-failure";
    }
    json.put("RestartPolicy", Map.of("Name", policy, "MaximumRetryCount", retries));
    json.put("AutoRemove", host.autoRemove());
    json.put("Privileged", host.privileged());
    json.put("Memory", host.memory());
    json.put("NanoCpus", host.nanoCpus());
    json.put("CpuShares", host.cpuShares());
    json.put("PidsLimit", host.pidsLimit() == 0 ? null : host.pidsLimit());
    json.put("CapAdd", null);
    json.put("CapDrop", null);
    json.put("LogConfig", Map.of("Type", "json-file", "Config", Map.of()));
    return json;
  }

  private static Map<String, Object> config(ContainerDetails c, ContainerConfig config) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "Hostname",
        config.hostname() == null || config.hostname().isBlank()
            ? c.containerId().substring(0, 12)
            : config.hostname());
    json.put("Domainname", "");
    json.put("User", config.user() == null ? "" : config.user());
    json.put("AttachStdin", false);
    json.put("AttachStdout", false);
    json.put("AttachStderr", false);
    Map<String, Object> ports = new LinkedHashMap<>();
    config.exposedPorts().forEach(p -> ports.put(p, Map.of()));
    json.put("ExposedPorts", ports.isEmpty() ? null : ports);
    json.put("Tty", config.tty());
    json.put("OpenStdin", config.openStdin());
    json.put("StdinOnce", false);
    json.put("Env", config.env());
    json.put("Cmd", config.cmd().isEmpty() ? null : config.cmd());
    json.put("Image", c.image());
    json.put("Volumes", null);
    json.put("WorkingDir", config.workingDir() == null ? "" : config.workingDir());
    json.put("Entrypoint", config.entrypoint().isEmpty() ? null : config.entrypoint());
    json.put("OnBuild", null);
    json.put("Labels", config.labels());
    if (config.stopSignal() != null) {
      json.put("StopSignal", config.stopSignal());
    }
    return json;
  }

  private static Map<String, Object> networkSettings(HostConfig host) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Bridge", "");
    json.put("SandboxID", "");
    json.put("Ports", Map.of());
    json.put("Gateway", "");
    json.put("IPAddress", "");
    json.put("MacAddress", "");
    json.put("Networks", Map.of(host.networkMode(), Map.of("NetworkID", "", "IPAddress", "")));
    return json;
  }

  /** RFC 3339 with nanoseconds, as Docker prints times. */
  public static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
