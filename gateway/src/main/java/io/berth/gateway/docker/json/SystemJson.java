package io.berth.gateway.docker.json;

import io.berth.gateway.docker.DockerApi;
import io.berth.gateway.docker.HostFacts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bodies of {@code GET /version} and {@code GET /info}, shaped as the Engine API's {@code
 * SystemVersion} and {@code SystemInfo} (the fields the docker CLI, docker-java and Testcontainers
 * read).
 */
public final class SystemJson {

  private SystemJson() {}

  /** Counts of containers by state and of images, gathered from the services. */
  public record Counts(long containers, long running, long paused, long stopped, long images) {}

  /**
   * The {@code /version} body: the Docker Engine release whose API Berth speaks as the version,
   * Berth's own in the platform name and a component of its own.
   */
  public static Map<String, Object> version(
      HostFacts host,
      String berthVersion,
      String engineVersion,
      String apiVersion,
      String minApiVersion) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ApiVersion", apiVersion);
    details.put("MinAPIVersion", minApiVersion);
    details.put("Os", "linux");
    details.put("Arch", host.goArch());
    details.put("KernelVersion", host.kernelVersion());
    details.put("Experimental", "false");
    Map<String, Object> engine = new LinkedHashMap<>();
    engine.put("Name", "Engine");
    engine.put("Version", engineVersion);
    engine.put("Details", details);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Platform", Map.of("Name", "Berth " + berthVersion));
    body.put("Components", List.of(engine, Map.of("Name", "Berth", "Version", berthVersion)));
    body.put("Version", engineVersion);
    body.put("ApiVersion", apiVersion);
    body.put("MinAPIVersion", minApiVersion);
    body.put("GitCommit", "berth");
    body.put("GoVersion", "java" + Runtime.version().feature());
    body.put("Os", "linux");
    body.put("Arch", host.goArch());
    body.put("KernelVersion", host.kernelVersion());
    body.put("BuildTime", "");
    return body;
  }

  /** The {@code /info} body; its server version is the Docker Engine release Berth stands for. */
  public static Map<String, Object> info(
      HostFacts host, Counts counts, String engineVersion, String rootDir, String nodeId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ID", nodeId);
    body.put("Containers", counts.containers());
    body.put("ContainersRunning", counts.running());
    body.put("ContainersPaused", counts.paused());
    body.put("ContainersStopped", counts.stopped());
    body.put("Images", counts.images());
    body.put("Driver", DockerApi.STORAGE_DRIVER);
    body.put("DriverStatus", List.of(List.of("Backing Filesystem", "overlayfs snapshots")));
    body.put(
        "Plugins",
        Map.of(
            "Volume", List.of("local"),
            "Network", List.of("bridge", "host", "none"),
            "Log", List.of("json-file")));
    body.put("MemoryLimit", true);
    body.put("SwapLimit", false);
    body.put("CpuCfsPeriod", true);
    body.put("CpuCfsQuota", true);
    body.put("CPUShares", true);
    body.put("CPUSet", true);
    body.put("PidsLimit", true);
    body.put("OomKillDisable", false);
    body.put("IPv4Forwarding", true);
    body.put("Debug", false);
    body.put("NFd", 0);
    body.put("NGoroutines", Thread.activeCount());
    body.put("SystemTime", Instant.now().toString());
    body.put("LoggingDriver", "json-file");
    body.put("CgroupDriver", "cgroupfs");
    body.put("CgroupVersion", host.cgroupVersion());
    body.put("NEventsListener", 0);
    body.put("KernelVersion", host.kernelVersion());
    body.put("OperatingSystem", host.operatingSystem());
    body.put("OSVersion", host.osVersion());
    body.put("OSType", "linux");
    body.put("Architecture", host.architecture());
    body.put("IndexServerAddress", "https://index.docker.io/v1/");
    body.put(
        "RegistryConfig",
        Map.of("IndexConfigs", Map.of(), "InsecureRegistryCIDRs", List.of("127.0.0.0/8")));
    body.put("NCPU", host.cpus());
    body.put("MemTotal", host.memTotal());
    body.put("DockerRootDir", rootDir);
    body.put("Name", host.hostname());
    body.put("Labels", List.of("berth.node=" + nodeId));
    body.put("ExperimentalBuild", false);
    body.put("ServerVersion", engineVersion);
    body.put("Runtimes", Map.of("berth", Map.of("path", "container-service")));
    body.put("DefaultRuntime", "berth");
    body.put("Swarm", Map.of("LocalNodeState", "inactive", "NodeID", "", "NodeAddr", ""));
    body.put("LiveRestoreEnabled", true);
    body.put("Isolation", "");
    body.put("InitBinary", "");
    body.put("SecurityOptions", List.of("name=no-new-privileges"));
    body.put("Warnings", List.of());
    return body;
  }
}
