package io.berth.container.handling;

import io.berth.container.linux.ExitStatus;
import io.berth.container.linux.Linux;
import io.berth.container.linux.LinuxConstants;
import io.berth.container.network.Networks;
import io.berth.container.runtime.ContainerRuntime;
import io.berth.container.runtime.KeeperLink;
import io.berth.container.runtime.Procfs;
import io.berth.container.runtime.RunningProcess;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRows;
import io.berth.container.store.ContainerRunRepository;
import io.berth.container.store.ContainerRunRow;
import io.berth.container.store.ContainerState;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs once when the service starts, before it takes commands: re-adopts the containers that kept
 * running while it was down (process, cgroup, output), reports those that ended meanwhile with the
 * exit status the keeper recorded, releases cgroups no container owns any more, and brings the
 * networks' bridges, addresses and rules in line with the containers that run.
 */
@Singleton
public class ContainerReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerReconciler.class);

  private final ContainerRepository containers;
  private final ContainerRunRepository runs;
  private final ContainerRuntime runtime;
  private final ContainerLifecycle lifecycle;
  private final KeeperLink keeper;
  private final Networks networks;

  public ContainerReconciler(
      ContainerRepository containers,
      ContainerRunRepository runs,
      ContainerRuntime runtime,
      ContainerLifecycle lifecycle,
      KeeperLink keeper,
      Networks networks) {
    this.networks = networks;
    this.containers = containers;
    this.runs = runs;
    this.runtime = runtime;
    this.lifecycle = lifecycle;
    this.keeper = keeper;
  }

  /** Reconciles; returns how many containers were re-adopted. */
  public int reconcile() {
    int adopted = 0;
    Set<String> known = new HashSet<>();
    List<ContainerRow> rows = containers.listOrderByCreatedAtDesc();
    for (ContainerRow row : rows) {
      known.add(row.id());
      if (row.state() != ContainerState.RUNNING
          && row.state() != ContainerState.PAUSED
          && row.state() != ContainerState.RESTARTING
          && row.state() != ContainerState.REMOVING) {
        continue;
      }
      Optional<ContainerRunRow> run = runs.findById(row.id());
      if (run.isEmpty()) {
        continue;
      }
      try {
        if (adopt(row, run.get())) {
          adopted++;
        }
      } catch (RuntimeException e) {
        LOG.error("could not re-adopt container {}", row.id(), e);
      }
    }
    for (String id : runtime.cgroupIds()) {
      // Only empty ones: another Berth on this host (another data directory) may own the rest.
      if (!known.contains(id)
          && id.length() == 64
          && runtime.cgroup(id).map(c -> c.pids().isEmpty()).orElse(false)) {
        LOG.info("removing the empty cgroup of container {}, which no longer exists", id);
        runtime.releaseCgroup(id);
      }
    }
    if (adopted > 0) {
      LOG.info("re-adopted {} running container(s)", adopted);
    }
    Set<String> running = new HashSet<>();
    for (String id : known) {
      runtime.process(id).filter(RunningProcess::running).ifPresent(p -> running.add(id));
    }
    networks.reconcile(running);
    return adopted;
  }

  private boolean adopt(ContainerRow row, ContainerRunRow run) {
    String id = row.id();
    if (run.pid() > 0 && Procfs.isAlive(run.pid(), run.startTime())) {
      int pid = (int) run.pid();
      int pidfd = Linux.pidfdOpen(pid);
      boolean tty = ContainerRows.config(row).tty();
      int[] outputs = keeper.reclaim(run.keeperFds());
      if (outputs == null) {
        outputs = reopenOutputs(pid, tty);
      }
      RunningProcess process =
          RunningProcess.adopt(
              pid,
              pidfd,
              run.startTime(),
              tty,
              runtime.log(id),
              -1,
              -1,
              outputs,
              () -> keeper.exitOf(run.pid(), run.startTime()));
      runtime.adopted(id, process);
      lifecycle.watchAdopted(id, process);
      return true;
    }
    Optional<ExitStatus> status =
        run.pid() > 0 ? keeper.exitOf(run.pid(), run.startTime()) : Optional.empty();
    LOG.info(
        "container {} ended while the service was down ({})",
        id,
        status.map(s -> "exit code " + s.dockerExitCode()).orElse("exit status unknown"));
    lifecycle.exitedWhileAway(id, status.orElse(null));
    return false;
  }

  /** Without the keeper's copies: new read ends of the pipes the process still writes to. */
  private static int[] reopenOutputs(int pid, boolean tty) {
    if (tty) {
      return new int[0];
    }
    int[] fds = new int[2];
    int n = 0;
    for (int fd = 1; fd <= 2; fd++) {
      Path link = Path.of("/proc/" + pid + "/fd/" + fd);
      try {
        if (Files.readSymbolicLink(link).toString().startsWith("pipe:")) {
          fds[n++] =
              Linux.open(link.toString(), LinuxConstants.O_RDONLY | LinuxConstants.O_CLOEXEC, 0);
        }
      } catch (java.io.IOException | RuntimeException e) {
        // not a pipe any more, or gone
      }
    }
    return java.util.Arrays.copyOf(fds, n);
  }
}
