package io.berth.gateway.docker.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.HostConfig;
import io.berth.events.container.Mount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of {@code POST /containers/create} (the Engine API's {@code ContainerConfig} with
 * its {@code HostConfig}) into the event contract's records, refusing what moby's daemon refuses
 * with its words ({@code daemon/container.go} {@code validateHostConfig}, {@code
 * daemon/daemon_unix.go} {@code verifyPlatformContainerResources}).
 *
 * <p>Read but not carried (the records have no field for them yet): {@code Domainname}, {@code
 * AttachStdin/Stdout/Stderr}, {@code StdinOnce}, {@code StopTimeout} and {@code
 * HostConfig.MemorySwap}. {@code CpuQuota}/{@code CpuPeriod} become the equivalent {@code
 * NanoCpus}.
 */
public final class ContainerCreateJson {

  /** moby's {@code linuxMinMemory}. */
  static final long MIN_MEMORY = 6 * 1024 * 1024;

  /** The kernel's default CFS period, 100 ms. */
  static final long DEFAULT_CPU_PERIOD = 100_000;

  private ContainerCreateJson() {}

  /** The image asked for, or an empty string. */
  public static String image(JsonNode body) {
    JsonNode image = body.path("Image");
    return image.isTextual() ? image.asText() : "";
  }

  /** The container part of the body. */
  public static ContainerConfig config(JsonNode body) {
    return new ContainerConfig(
        stringOrList(body.get("Cmd")),
        stringOrList(body.get("Entrypoint")),
        list(body.get("Env")),
        text(body.get("WorkingDir")),
        text(body.get("User")),
        text(body.get("Hostname")),
        body.path("Tty").asBoolean(false),
        body.path("OpenStdin").asBoolean(false),
        map(body.get("Labels")),
        keys(body.get("ExposedPorts")),
        text(body.get("StopSignal")),
        keys(body.get("Volumes")));
  }

  /**
   * The {@code HostConfig} part of the body.
   *
   * @throws IllegalArgumentException worded as Docker words it, for a value the daemon refuses
   */
  public static HostConfig hostConfig(JsonNode body) {
    JsonNode host = body.path("HostConfig");
    boolean autoRemove = host.path("AutoRemove").asBoolean(false);
    String restartPolicy = restartPolicy(host.path("RestartPolicy"));
    if (autoRemove && !restartPolicy.equals("no")) {
      throw new IllegalArgumentException(
          "conflicting options: cannot specify both --restart and --rm");
    }
    long memory = host.path("Memory").asLong(0);
    long memorySwap = host.path("MemorySwap").asLong(0);
    if (memory > 0 && memory < MIN_MEMORY) {
      throw new IllegalArgumentException("Minimum memory limit allowed is 6MB");
    }
    if (memory > 0 && memorySwap > 0 && memorySwap < memory) {
      throw new IllegalArgumentException(
          "Minimum memoryswap limit should be larger than memory limit, see usage");
    }
    if (memory == 0 && memorySwap > 0) {
      throw new IllegalArgumentException(
          "You should always set the Memory limit when using Memoryswap limit, see usage");
    }
    HostConfig asked =
        new HostConfig(
            memory,
            nanoCpus(host),
            host.path("CpuShares").asLong(0),
            // moby's adaptContainerSettings: 0 and negative limits mean unlimited.
            Math.max(0, host.path("PidsLimit").asLong(0)),
            autoRemove,
            restartPolicy,
            text(host.get("NetworkMode")),
            list(host.get("Binds")),
            host.path("Privileged").asBoolean(false),
            mounts(host.get("Mounts")),
            map(host.get("Tmpfs")),
            List.of(),
            false,
            List.of(),
            List.of(),
            List.of());
    return ContainerNetworkJson.withNetworking(asked, body);
  }

  /**
   * {@code HostConfig.Mounts} ({@code --mount}): {@code Type}, {@code Source}, {@code Target},
   * {@code ReadOnly}, {@code VolumeOptions.NoCopy/Labels}, {@code TmpfsOptions.SizeBytes/Mode}.
   */
  static List<Mount> mounts(JsonNode node) {
    if (node == null || !node.isArray()) {
      return null;
    }
    List<Mount> mounts = new ArrayList<>();
    for (JsonNode m : node) {
      String type = m.path("Type").asText("");
      if (!Mount.TYPES.contains(type)) {
        throw new IllegalArgumentException(
            "invalid mount config for type \"" + type + "\": mount type unknown");
      }
      mounts.add(
          new Mount(
              type,
              m.path("Source").asText(""),
              m.path("Target").asText(""),
              m.path("ReadOnly").asBoolean(false),
              m.path("VolumeOptions").path("NoCopy").asBoolean(false),
              map(m.path("VolumeOptions").get("Labels")),
              m.path("TmpfsOptions").path("SizeBytes").asLong(0),
              m.path("TmpfsOptions").path("Mode").asInt(0)));
    }
    return mounts;
  }

  /**
   * {@code {"Name":"on-failure","MaximumRetryCount":3}} as {@code on-failure:3}; moby's {@code
   * ValidateRestartPolicy}.
   */
  static String restartPolicy(JsonNode restart) {
    String name = restart.path("Name").asText("");
    int retries = restart.path("MaximumRetryCount").asInt(0);
    switch (name) {
      case "", "no", "always", "unless-stopped" -> {
        if (retries != 0) {
          throw new IllegalArgumentException(
              "invalid restart policy: maximum retry count can only be used with 'on-failure'");
        }
        return name.isEmpty() ? "no" : name;
      }
      case "on-failure" -> {
        if (retries < 0) {
          throw new IllegalArgumentException(
              "invalid restart policy: maximum retry count cannot be negative");
        }
        return retries > 0 ? "on-failure:" + retries : "on-failure";
      }
      default ->
          throw new IllegalArgumentException(
              "invalid restart policy: unknown policy '"
                  + name
                  + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
    }
  }

  /** {@code NanoCpus}, or the CPUs a {@code CpuQuota} per {@code CpuPeriod} grants. */
  static long nanoCpus(JsonNode host) {
    long nanoCpus = host.path("NanoCpus").asLong(0);
    long quota = host.path("CpuQuota").asLong(0);
    long period = host.path("CpuPeriod").asLong(0);
    if (nanoCpus > 0 && period > 0) {
      throw new IllegalArgumentException(
          "Conflicting options: Nano CPUs and CPU Period cannot both be set");
    }
    if (nanoCpus > 0 && quota > 0) {
      throw new IllegalArgumentException(
          "Conflicting options: Nano CPUs and CPU Quota cannot both be set");
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    if (nanoCpus < 0 || nanoCpus > cpus * 1_000_000_000L) {
      throw new IllegalArgumentException(
          "Range of CPUs is from 0.01 to "
              + cpus
              + ".00, as there are only "
              + cpus
              + " CPUs available");
    }
    if (period != 0 && (period < 1000 || period > 1_000_000)) {
      throw new IllegalArgumentException(
          "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    if (quota > 0 && quota < 1000) {
      throw new IllegalArgumentException("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    if (quota > 0) {
      return quota * 1_000_000_000L / (period > 0 ? period : DEFAULT_CPU_PERIOD);
    }
    return nanoCpus;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
  }

  /** Docker accepts {@code Cmd} and {@code Entrypoint} as a string or a list. */
  private static List<String> stringOrList(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    return list(node);
  }

  private static List<String> list(JsonNode node) {
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    node.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static Map<String, String> map(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
    return values;
  }

  private static List<String> keys(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    node.fieldNames().forEachRemaining(values::add);
    return values;
  }
}
