package io.berth.events.container;

import java.util.List;
import java.util.Map;

/**
 * How the host treats a container, as the Docker Engine API's {@code HostConfig} says it.
 *
 * @param memory memory limit in bytes, 0 for none
 * @param nanoCpus CPU quota in billionths of a CPU, 0 for none
 * @param cpuShares relative CPU weight, 0 for the default
 * @param pidsLimit maximum number of processes, 0 for none
 * @param autoRemove remove the container when it exits ({@code --rm})
 * @param restartPolicy {@code no}, {@code on-failure[:N]}, {@code always} or {@code unless-stopped}
 * @param networkMode {@code bridge}, {@code none}, {@code host}, {@code container:<id>} or a
 *     network name
 * @param binds bind mounts and volumes, {@code source:target[:options]}
 * @param privileged whether every capability and device is granted
 * @param mounts mounts as {@code --mount} gives them (the Engine API's {@code HostConfig.Mounts})
 * @param tmpfs tmpfs mounts, target to options ({@code --tmpfs /run:size=64m})
 * @param portBindings published ports ({@code -p}); a host port of 0 lets the host choose
 * @param publishAllPorts publish every exposed port on a free host port ({@code -P})
 * @param dns name servers for {@code /etc/resolv.conf} ({@code --dns})
 * @param extraHosts {@code name:address} lines for {@code /etc/hosts} ({@code --add-host})
 * @param networkAliases extra names on the network of {@code networkMode} ({@code --network-alias})
 */
public record HostConfig(
    long memory,
    long nanoCpus,
    long cpuShares,
    long pidsLimit,
    boolean autoRemove,
    String restartPolicy,
    String networkMode,
    List<String> binds,
    boolean privileged,
    List<Mount> mounts,
    Map<String, String> tmpfs,
    List<PortBinding> portBindings,
    boolean publishAllPorts,
    List<String> dns,
    List<String> extraHosts,
    List<String> networkAliases) {

  public HostConfig {
    if (memory < 0 || nanoCpus < 0 || cpuShares < 0 || pidsLimit < -1) {
      throw new IllegalArgumentException("resource limits must not be negative");
    }
    restartPolicy = restartPolicy == null || restartPolicy.isBlank() ? "no" : restartPolicy;
    networkMode = networkMode == null || networkMode.isBlank() ? "bridge" : networkMode;
    binds = binds == null ? List.of() : List.copyOf(binds);
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
    tmpfs = tmpfs == null ? Map.of() : Map.copyOf(tmpfs);
    portBindings = portBindings == null ? List.of() : List.copyOf(portBindings);
    dns = dns == null ? List.of() : List.copyOf(dns);
    extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    networkAliases = networkAliases == null ? List.of() : List.copyOf(networkAliases);
  }

  /** A host config without mounts, tmpfs, published ports, name servers, extra hosts or aliases. */
  public HostConfig(
      long memory,
      long nanoCpus,
      long cpuShares,
      long pidsLimit,
      boolean autoRemove,
      String restartPolicy,
      String networkMode,
      List<String> binds,
      boolean privileged) {
    this(
        memory,
        nanoCpus,
        cpuShares,
        pidsLimit,
        autoRemove,
        restartPolicy,
        networkMode,
        binds,
        privileged,
        List.of(),
        Map.of(),
        List.of(),
        false,
        List.of(),
        List.of(),
        List.of());
  }

  /** Docker's defaults: no limits, no restart, the default bridge. */
  public static HostConfig defaults() {
    return new HostConfig(0, 0, 0, 0, false, "no", "bridge", List.of(), false);
  }
}
