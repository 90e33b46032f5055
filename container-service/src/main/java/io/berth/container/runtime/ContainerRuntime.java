package io.berth.container.runtime;

import io.berth.container.ContainerException;
import io.berth.container.cgroup.Cgroup;
import io.berth.container.cgroup.CgroupException;
import io.berth.container.cgroup.CgroupVersion;
import io.berth.container.cgroup.Cgroups;
import io.berth.container.cgroup.Limits;
import io.berth.container.linux.ContainerLauncher;
import io.berth.container.linux.ContainerMount;
import io.berth.container.linux.LaunchSpec;
import io.berth.container.linux.Launched;
import io.berth.container.linux.RootSpec;
import io.berth.events.ErrorCode;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's container runtime: the launcher (namespaces, root, privileges), the cgroups, each
 * container's directory ({@code <data>/container-service/containers/<id>}: its generated {@code
 * /etc} files, its root's mount point, its log), and the processes running now.
 */
@Singleton
public class ContainerRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerRuntime.class);

  /**
   * What a container's first process needs; {@code hostsFile} and {@code resolvConf} replace the
   * defaults when not null, {@code joinNetworkPid} and {@code networkSetup} are {@link RootSpec}'s.
   */
  public record StartPlan(
      String containerId,
      List<String> lowerDirs,
      String upperDir,
      String workDir,
      String hostname,
      boolean hostNetwork,
      LaunchSpec launch,
      Limits limits,
      List<ContainerMount> mounts,
      String hostsFile,
      String resolvConf,
      int joinNetworkPid,
      IntConsumer networkSetup) {}

  private final Path containers;
  private final Map<String, RunningProcess> running = new ConcurrentHashMap<>();
  private final Map<String, ContainerLog> logs = new ConcurrentHashMap<>();
  private final Map<String, List<RunningProcess.OutputListener>> attachedBeforeStart =
      new ConcurrentHashMap<>();
  private volatile ContainerLauncher launcher;
  private volatile Cgroups cgroups;
  private volatile RuntimeException unavailable;

  private final KeeperLink keeper;

  public ContainerRuntime(@Value("${berth.data-dir}") Path dataDir, KeeperLink keeper) {
    this.keeper = keeper;
    this.containers = dataDir.resolve("container-service").resolve("containers");
    try {
      this.cgroups = Cgroups.detect();
      this.launcher = new ContainerLauncher();
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("the container runtime is unavailable on this host: {}", e.toString());
      this.unavailable = e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** The container's own directory. */
  public Path bundle(String id) {
    return containers.resolve(id);
  }

  /** The container's log, opened once and kept. */
  public ContainerLog log(String id) {
    return logs.computeIfAbsent(id, key -> ContainerLog.open(bundle(key).resolve("container.log")));
  }

  /** The running first process of a container, if this runtime knows one. */
  public Optional<RunningProcess> process(String id) {
    return Optional.ofNullable(running.get(id));
  }

  /**
   * Attaches {@code listener} to the container's running process, or to its next one ({@code docker
   * run} and {@code docker start -a} attach before they start); returns the running process it was
   * attached to, if any.
   */
  public synchronized Optional<RunningProcess> attach(
      String id, RunningProcess.OutputListener listener) {
    RunningProcess process = running.get(id);
    if (process != null && process.running()) {
      process.addListener(listener);
      return Optional.of(process);
    }
    attachedBeforeStart
        .computeIfAbsent(id, key -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(listener);
    return Optional.empty();
  }

  /** The start failed: clients attached for it get the end of their stream. */
  private void endAttaches(String id) {
    List<RunningProcess.OutputListener> waiting = attachedBeforeStart.remove(id);
    if (waiting != null) {
      waiting.forEach(RunningProcess.OutputListener::closed);
    }
  }

  /** Undoes an attach that has not seen a start. */
  public void detach(String id, RunningProcess.OutputListener listener) {
    List<RunningProcess.OutputListener> waiting = attachedBeforeStart.get(id);
    if (waiting != null) {
      waiting.remove(listener);
    }
    RunningProcess process = running.get(id);
    if (process != null) {
      process.removeListener(listener);
    }
  }

  /** Registers a re-adopted process. */
  public void adopted(String id, RunningProcess process) {
    running.put(id, process);
  }

  /** Forgets a container's process once it ended. */
  public void forget(String id, RunningProcess process) {
    running.remove(id, process);
  }

  /**
   * Starts a container's first process in its cgroup.
   *
   * @throws ContainerException INVALID_ARGUMENT for a command that cannot run (Docker's wording),
   *     UNAVAILABLE when the host cannot run containers
   */
  public synchronized RunningProcess start(StartPlan plan) {
    ContainerLauncher launcher = requireLauncher();
    String id = plan.containerId();
    Path bundle = bundle(id);
    Cgroup cgroup = freshCgroup(id, plan.limits());
    try {
      writeEtcFiles(bundle, plan.hostname(), plan.hostNetwork());
      writeNetworkFiles(bundle, plan);
      LaunchSpec spec = withCgroup(plan.launch(), cgroup);
      RootSpec root =
          new RootSpec(
              plan.lowerDirs(),
              plan.upperDir(),
              plan.workDir(),
              bundle,
              plan.hostname(),
              plan.hostNetwork(),
              plan.mounts(),
              plan.joinNetworkPid(),
              plan.networkSetup());
      Launched launched;
      try {
        launched = launcher.launch(root, spec);
      } catch (IllegalArgumentException e) {
        endAttaches(id);
        throw new ContainerException(ErrorCode.INVALID_ARGUMENT, startFailure(e.getMessage()), e);
      } catch (RuntimeException e) {
        endAttaches(id);
        throw e;
      }
      // Held before the pumps start, which close their copies at the end of the output.
      String held =
          keeper.hold(
              id,
              launched.terminal() >= 0
                  ? new int[] {launched.terminal()}
                  : new int[] {launched.stdout(), launched.stderr()});
      List<RunningProcess.OutputListener> waiting = attachedBeforeStart.remove(id);
      RunningProcess process =
          RunningProcess.ofChild(
              launched, plan.launch().tty(), log(id), waiting == null ? List.of() : waiting);
      process.keeperFds(held);
      running.put(id, process);
      LOG.debug(
          "started {} as pid {} (isolated in {} µs, spawned in {} µs)",
          id,
          launched.pid(),
          launched.isolatedNanos() / 1000,
          launched.spawnedNanos() / 1000);
      return process;
    } catch (RuntimeException e) {
      closeQuietly(cgroup);
      throw e;
    }
  }

  /**
   * Starts a process in a running container, with its own log.
   *
   * @throws ContainerException INVALID_ARGUMENT for a command that cannot run
   */
  public RunningProcess exec(
      String containerId,
      LaunchSpec spec,
      ContainerLog execLog,
      List<RunningProcess.OutputListener> listeners) {
    RunningProcess first =
        process(containerId)
            .orElseThrow(
                () ->
                    new ContainerException(
                        ErrorCode.FAILED_PRECONDITION,
                        "container " + containerId + " is not running"));
    Cgroup cgroup = cgroups.adopt(containerId);
    LaunchSpec joined = withCgroup(spec, cgroup);
    Launched launched;
    try {
      launched = requireLauncher().exec(first.pid(), joined);
    } catch (IllegalArgumentException e) {
      throw new ContainerException(ErrorCode.INVALID_ARGUMENT, startFailure(e.getMessage()), e);
    }
    if (cgroup.version() == CgroupVersion.V2) {
      // v2 moves whole processes: an exec'd process joins right after its spawn.
      cgroup.addProcess(launched.pid());
    }
    return RunningProcess.ofChild(launched, spec.tty(), execLog, listeners);
  }

  /** The container's cgroup, if it exists. */
  public Optional<Cgroup> cgroup(String id) {
    if (cgroups == null || !cgroups.exists(id)) {
      return Optional.empty();
    }
    try {
      return Optional.of(cgroups.adopt(id));
    } catch (CgroupException e) {
      return Optional.empty();
    }
  }

  /** Whether the OOM killer ended a task of the container's cgroup. */
  public boolean oomKilled(String id) {
    return cgroup(id).map(Cgroup::oomKilled).orElse(false);
  }

  /** Kills whatever is left of the container and removes its cgroup (after it ended). */
  public void releaseCgroup(String id) {
    cgroup(id).ifPresent(ContainerRuntime::closeQuietly);
  }

  /** Removes everything the container had on this host: cgroup, log, directory. */
  public void remove(String id) {
    releaseCgroup(id);
    ContainerLog log = logs.remove(id);
    if (log != null) {
      log.close();
    }
    deleteRecursively(bundle(id));
  }

  /** The ids of containers with a cgroup on this host (for reconciling after a restart). */
  public List<String> cgroupIds() {
    return cgroups == null ? List.of() : cgroups.ids();
  }

  private Cgroup freshCgroup(String id, Limits limits) {
    if (cgroups.exists(id)) {
      closeQuietly(cgroups.adopt(id));
    }
    try {
      return cgroups.create(id, limits);
    } catch (CgroupException e) {
      throw new ContainerException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
    }
  }

  private static LaunchSpec withCgroup(LaunchSpec spec, Cgroup cgroup) {
    List<Path> tasks = new ArrayList<>();
    List<Path> procs = new ArrayList<>();
    for (Path dir : cgroup.directories()) {
      if (cgroup.version() == CgroupVersion.V1) {
        tasks.add(dir.resolve("tasks"));
      } else {
        procs.add(dir.resolve("cgroup.procs"));
      }
    }
    return new LaunchSpec(
        spec.argv(),
        spec.env(),
        spec.workingDir(),
        spec.user(),
        spec.tty(),
        spec.openStdin(),
        tasks,
        procs);
  }

  private static void writeEtcFiles(Path bundle, String hostname, boolean hostNetwork) {
    try {
      Files.createDirectories(bundle);
      Files.writeString(bundle.resolve("hostname"), hostname + "\n");
      String hosts;
      if (hostNetwork) {
        hosts = Files.readString(Path.of("/etc/hosts"));
      } else {
        hosts =
            "127.0.0.1\tlocalhost\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "fe00::0\tip6-localnet\n"
                + "ff00::0\tip6-mcastprefix\n"
                + "ff02::1\tip6-allnodes\n"
                + "ff02::2\tip6-allrouters\n";
      }
      Files.writeString(bundle.resolve("hosts"), hosts);
      Files.writeString(bundle.resolve("resolv.conf"), resolvConf(hostNetwork));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The network's {@code /etc/hosts} and {@code /etc/resolv.conf}, where it has its own. */
  private static void writeNetworkFiles(Path bundle, StartPlan plan) {
    try {
      if (plan.hostsFile() != null) {
        Files.writeString(bundle.resolve("hosts"), plan.hostsFile());
      }
      if (plan.resolvConf() != null) {
        Files.writeString(bundle.resolve("resolv.conf"), plan.resolvConf());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The host's resolv.conf; without the host's network, loopback name servers cannot work. */
  static String resolvConf(boolean hostNetwork) throws IOException {
    Path host = Path.of("/etc/resolv.conf");
    String text = Files.exists(host) ? Files.readString(host) : "";
    if (hostNetwork) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    boolean nameserver = false;
    for (String line : text.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("nameserver")) {
        String address = trimmed.substring("nameserver".length()).trim();
        if (address.startsWith("127.") || address.equals("::1")) {
          continue;
        }
        nameserver = true;
      }
      out.append(line).append('\n');
    }
    if (!nameserver) {
      out.append("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
    }
    return out.toString();
  }

  private static String startFailure(String detail) {
    return "failed to create task for container: failed to create shim task: OCI runtime create"
        + " failed: runc create failed: unable to start container process: "
        + detail
        + ": unknown";
  }

  private ContainerLauncher requireLauncher() {
    if (launcher == null) {
      throw new ContainerException(
          ErrorCode.UNAVAILABLE,
          "this host cannot run containers: "
              + (unavailable == null ? "unknown" : unavailable.getMessage()),
          unavailable);
    }
    return launcher;
  }

  private static void closeQuietly(Cgroup cgroup) {
    try {
      cgroup.close();
    } catch (RuntimeException e) {
      LOG.warn("could not release cgroup {}: {}", cgroup.id(), e.toString());
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", dir, e.toString());
    }
  }

  @PreDestroy
  @Override
  public void close() {
    if (launcher != null) {
      launcher.close();
    }
  }
}
