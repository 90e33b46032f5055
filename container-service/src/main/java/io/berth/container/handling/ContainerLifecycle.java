package io.berth.container.handling;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.container.ContainerException;
import io.berth.container.cgroup.Cgroup;
import io.berth.container.cgroup.CgroupException;
import io.berth.container.cgroup.Limits;
import io.berth.container.linux.ExitStatus;
import io.berth.container.linux.LaunchSpec;
import io.berth.container.network.ContainerNetworking;
import io.berth.container.runtime.ContainerRuntime;
import io.berth.container.runtime.KeeperLink;
import io.berth.container.runtime.RunningProcess;
import io.berth.container.runtime.Signals;
import io.berth.container.store.BuildStepRow;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRows;
import io.berth.container.store.ContainerRunRepository;
import io.berth.container.store.ContainerRunRow;
import io.berth.container.store.ContainerState;
import io.berth.container.volume.ContainerMounts;
import io.berth.events.CommandFailed;
import io.berth.events.Envelope;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.ContainerKilled;
import io.berth.events.container.ContainerOom;
import io.berth.events.container.ContainerPaused;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.container.ContainerRenamed;
import io.berth.events.container.ContainerRestarted;
import io.berth.events.container.ContainerStarted;
import io.berth.events.container.ContainerStopped;
import io.berth.events.container.ContainerUnpaused;
import io.berth.events.container.HostConfig;
import io.berth.events.layer.SnapshotRemoveRequested;
import io.berth.events.network.NetworkConnected;
import io.berth.events.network.NetworkDisconnected;
import io.berth.events.network.NetworkEndpoint;
import io.berth.messaging.ServiceIdentity;
import io.berth.messaging.outbox.Outbox;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container state machine: each transition changes the records and writes its events in one
 * transaction. Commands arrive through {@link ContainerCommandHandler} (already inside the
 * command's transaction); exits arrive from the runtime's reapers. Transitions are serialised by
 * one lock, taken inside the transaction.
 *
 * <p>Stop, restart and a forced remove of a running container end when the process does: their
 * outcome events are written by the exit's transaction, caused by the command that asked.
 */
@Singleton
public class ContainerLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerLifecycle.class);

  private enum PendingKind {
    STOP,
    RESTART,
    REMOVE
  }

  private record Pending(PendingKind kind, Envelope cause) {}

  private final TransactionOperations<Connection> transactions;
  private final ContainerRepository containers;
  private final ContainerRunRepository runs;
  private final ContainerRuntime runtime;
  private final Outbox outbox;
  private final ServiceIdentity identity;
  private final KeeperLink keeper;
  private final BuildSteps buildSteps;
  private final ContainerMounts mounts;

  /** Containers whose pending remove also removes their anonymous volumes ({@code rm -fv}). */
  private final Set<String> removeVolumes = ConcurrentHashMap.newKeySet();

  private final TransitionLock lock;
  private final ContainerNetworking networking;
  private final Map<String, List<Pending>> pending = new ConcurrentHashMap<>();

  /**
   * Per container, the end of the latest transaction that started or signalled its process. A
   * process may end before that transaction commits; its exit is recorded only after it ended, so
   * that the container's events reach its partition in the order they happened (start or kill
   * before die).
   */
  private final Map<String, CompletableFuture<Void>> exitBarriers = new ConcurrentHashMap<>();

  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread t = new Thread(task, "berth-lifecycle-timer");
            t.setDaemon(true);
            return t;
          });

  public ContainerLifecycle(
      TransactionOperations<Connection> transactions,
      ContainerRepository containers,
      ContainerRunRepository runs,
      ContainerRuntime runtime,
      Outbox outbox,
      ServiceIdentity identity,
      KeeperLink keeper,
      BuildSteps buildSteps,
      TransitionLock lock,
      ContainerMounts mounts,
      ContainerNetworking networking) {
    this.networking = networking;
    this.buildSteps = buildSteps;
    this.mounts = mounts;
    this.lock = lock;
    this.transactions = transactions;
    this.containers = containers;
    this.runs = runs;
    this.runtime = runtime;
    this.outbox = outbox;
    this.identity = identity;
    this.keeper = keeper;
  }

  // --- create: completed when the layer-service prepared the root ----------------------------

  /** Records the root the layer-service prepared and publishes the create's outcome. */
  void rootPrepared(String id, List<String> lowerDirs, String upperDir, String workDir) {
    synchronized (lock) {
      Optional<ContainerRunRow> run = runs.findById(id);
      Optional<ContainerRow> row = containers.findById(id);
      if (run.isEmpty() || row.isEmpty() || run.get().createCause() == null) {
        return;
      }
      Envelope cause = envelope(run.get().createCause());
      runs.update(run.get().withRoot(String.join(":", lowerDirs), upperDir, workDir));
      ContainerRow c = row.get();
      ContainerConfig config = ContainerRows.config(c);
      publish(
          cause,
          new ContainerCreated(
              c.id(), c.name(), c.image(), c.imageId(), config, hostConfig(c), c.createdAt()));
      buildSteps.find(id).ifPresent(step -> startBuildStep(c, step, cause));
    }
  }

  /** A build step's container starts as soon as it exists; its output goes to the build. */
  private void startBuildStep(ContainerRow row, BuildStepRow step, Envelope cause) {
    RunningProcess.OutputListener output = buildSteps.outputOf(step, cause);
    runtime.attach(row.id(), output);
    try {
      publish(cause, launch(row, runs.findById(row.id()).orElseThrow(), false));
    } catch (RuntimeException e) {
      runtime.detach(row.id(), output);
      int code =
          e instanceof ContainerException c && c.code() == ErrorCode.INVALID_ARGUMENT
              ? e.getMessage().contains("permission denied") ? 126 : 127
              : 255;
      publish(cause, buildSteps.exited(step, code, e.getMessage()));
    }
  }

  /** The layer-service could not prepare the root: the create fails and leaves nothing. */
  void rootFailed(String id, ErrorCode code, String message) {
    synchronized (lock) {
      Optional<ContainerRunRow> run = runs.findById(id);
      if (run.isEmpty() || run.get().createCause() == null) {
        return;
      }
      Envelope cause = envelope(run.get().createCause());
      runs.deleteById(id);
      containers.deleteById(id);
      mounts.removed(id, true).forEach(this::publishFirst);
      publish(
          cause,
          new CommandFailed(
              id, cause.type(), code, "could not prepare the container's root: " + message));
    }
  }

  // --- commands (inside the command's transaction) -------------------------------------------

  List<Message> start(String id, Envelope cause) {
    synchronized (lock) {
      ContainerRow row = require(id);
      ContainerRunRow run = runOf(row);
      if (row.state() == ContainerState.RUNNING || row.state() == ContainerState.PAUSED) {
        return List.of(new ContainerStarted(id, Math.max(1, run.pid()), run.startedAt(), true));
      }
      if (row.state() == ContainerState.REMOVING) {
        throw new ContainerException(
            ErrorCode.FAILED_PRECONDITION, "container " + id + " is marked for removal");
      }
      if (!run.rootReady()) {
        throw new ContainerException(
            ErrorCode.FAILED_PRECONDITION, "container " + id + " is still being created");
      }
      return List.of(launch(row, run, false));
    }
  }

  List<Message> stop(String id, Integer timeoutSeconds, String signal, Envelope cause) {
    synchronized (lock) {
      ContainerRow row = require(id);
      ContainerRunRow run = runOf(row);
      Optional<RunningProcess> process = runtime.process(id);
      if (!isRunning(row) || process.isEmpty()) {
        return List.of(new ContainerStopped(id, run.exitCode(), finished(run), true));
      }
      runs.update(run.stoppedByUser());
      addPending(id, new Pending(PendingKind.STOP, cause));
      return terminate(row, process.get(), timeoutSeconds, signal);
    }
  }

  List<Message> restart(String id, Integer timeoutSeconds, String signal, Envelope cause) {
    synchronized (lock) {
      ContainerRow row = require(id);
      ContainerRunRow run = runOf(row);
      Optional<RunningProcess> process = runtime.process(id);
      if (!isRunning(row) || process.isEmpty()) {
        ContainerStarted started = launch(row, run, false);
        return List.of(started, new ContainerRestarted(id, started.pid(), started.startedAt()));
      }
      runs.update(run.stoppedByUser());
      addPending(id, new Pending(PendingKind.RESTART, cause));
      return terminate(row, process.get(), timeoutSeconds, signal);
    }
  }

  List<Message> kill(String id, String signal) {
    synchronized (lock) {
      ContainerRow row = require(id);
      Optional<RunningProcess> process = runtime.process(id);
      if (!isRunning(row) || process.isEmpty()) {
        throw new ContainerException(
            ErrorCode.FAILED_PRECONDITION,
            "cannot kill container: " + id + ": container " + id + " is not running");
      }
      int number = Signals.parse(signal);
      runs.update(runOf(row).stoppedByUser());
      holdExitUntilThisTransactionEnds(id);
      process.get().signal(number);
      if (row.state() == ContainerState.PAUSED) {
        thaw(row);
      }
      return List.of(new ContainerKilled(id, Signals.name(number)));
    }
  }

  List<Message> pause(String id) {
    synchronized (lock) {
      ContainerRow row = require(id);
      if (row.state() == ContainerState.PAUSED) {
        throw new ContainerException(
            ErrorCode.FAILED_PRECONDITION, "container " + id + " is already paused");
      }
      if (row.state() != ContainerState.RUNNING) {
        throw new ContainerException(
            ErrorCode.FAILED_PRECONDITION, "container " + id + " is not running");
      }
      Cgroup cgroup = runtime.cgroup(id).orElseThrow(() -> notRunning(id));
      try {
        cgroup.freeze();
      } catch (CgroupException e) {
        throw new ContainerException(ErrorCode.UNAVAILABLE, e.getMessage(), e);
      }
      containers.update(withState(row, ContainerState.PAUSED));
      return List.of(new ContainerPaused(id));
    }
  }

  List<Message> unpause(String id) {
    synchronized (lock) {
      ContainerRow row = require(id);
      if (row.state() != ContainerState.PAUSED) {
        throw new ContainerException(
            ErrorCode.FAILED_PRECONDITION, "container " + id + " is not paused");
      }
      thaw(row);
      return List.of(new ContainerUnpaused(id));
    }
  }

  List<Message> rename(String id, String newName) {
    synchronized (lock) {
      ContainerRow row = require(id);
      String name = newName.startsWith("/") ? newName.substring(1) : newName;
      if (!Names.isValid(name)) {
        throw new ContainerException(
            ErrorCode.INVALID_ARGUMENT,
            "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
      }
      if (name.equals(row.name())) {
        throw new ContainerException(
            ErrorCode.INVALID_ARGUMENT,
            "Renaming a container with the same name as its current" + " name");
      }
      containers
          .findByName(name)
          .ifPresent(
              other -> {
                throw new ContainerException(
                    ErrorCode.ALREADY_EXISTS,
                    "Error when allocating new name: Conflict. The container name \"/"
                        + name
                        + "\" is already in use by container \""
                        + other.id()
                        + "\". You have to remove (or rename) that container to be able to reuse"
                        + " that name.");
              });
      containers.update(
          new ContainerRow(
              row.id(),
              name,
              row.image(),
              row.imageId(),
              row.config(),
              row.hostConfig(),
              row.state(),
              row.createdAt()));
      return List.of(new ContainerRenamed(id, row.name(), name));
    }
  }

  List<Message> remove(String id, boolean force, boolean withVolumes, Envelope cause) {
    synchronized (lock) {
      ContainerRow row = require(id);
      Optional<RunningProcess> process = runtime.process(id);
      if (isRunning(row) && process.isPresent()) {
        if (!force) {
          throw new ContainerException(
              ErrorCode.FAILED_PRECONDITION,
              "cannot remove container \"/"
                  + row.name()
                  + "\": container is running: stop the container before removing or force"
                  + " remove");
        }
        runs.findById(id).ifPresent(run -> runs.update(run.stoppedByUser()));
        addPending(id, new Pending(PendingKind.REMOVE, cause));
        if (withVolumes) {
          removeVolumes.add(id);
        }
        holdExitUntilThisTransactionEnds(id);
        process.get().signal(Signals.SIGKILL);
        if (row.state() == ContainerState.PAUSED) {
          thaw(row);
        }
        containers.update(withState(row, ContainerState.REMOVING));
        return List.of(new ContainerKilled(id, "SIGKILL"));
      }
      return List.of(removeNow(row, withVolumes));
    }
  }

  // --- exits (from the reapers) ---------------------------------------------------------------

  /** Watches a started process: its exit becomes a transition. */
  private void watch(String id, RunningProcess process) {
    process
        .onExit()
        .whenComplete(
            (status, error) -> {
              CompletableFuture<?> drained =
                  process.onDrained().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
              CompletableFuture<Void> barrier =
                  exitBarriers.getOrDefault(id, CompletableFuture.completedFuture(null));
              CompletableFuture.allOf(drained, barrier)
                  .whenCompleteAsync((ignored, never) -> exited(id, process, status), timers);
            });
  }

  private void holdExitUntilThisTransactionEnds(String id) {
    CompletableFuture<Void> ended = afterCurrentTransaction();
    exitBarriers.put(id, ended);
    ended.whenComplete((ignored, never) -> exitBarriers.remove(id, ended));
  }

  /** Completes when the current transaction has ended (at once when there is none). */
  private CompletableFuture<Void> afterCurrentTransaction() {
    CompletableFuture<Void> ended = new CompletableFuture<>();
    Optional<? extends TransactionStatus<?>> current = transactions.findTransactionStatus();
    if (current.isEmpty()) {
      ended.complete(null);
      return ended;
    }
    current
        .get()
        .registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCompletion(TransactionSynchronization.Status status) {
                ended.complete(null);
              }
            });
    return ended;
  }

  void exited(String id, RunningProcess process, ExitStatus status) {
    List<Runnable> after = new ArrayList<>();
    try {
      lock.call(
          () ->
              transactions.executeWrite(
                  tx -> {
                    synchronized (lock) {
                      exitedInTransaction(id, process, status, after);
                    }
                    return null;
                  }));
    } catch (RuntimeException e) {
      LOG.error("recording the exit of {} failed", id, e);
    }
    after.forEach(Runnable::run);
  }

  /** A container whose process ended while the service was down ({@code status} may be null). */
  void exitedWhileAway(String id, ExitStatus status) {
    List<Runnable> after = new ArrayList<>();
    lock.call(
        () ->
            transactions.executeWrite(
                tx -> {
                  synchronized (lock) {
                    exitedInTransaction(id, null, status, after);
                  }
                  return null;
                }));
    after.forEach(Runnable::run);
  }

  private void exitedInTransaction(
      String id, RunningProcess process, ExitStatus status, List<Runnable> after) {
    if (process != null) {
      runtime.forget(id, process);
      process.release();
    }
    keeper.release(id);
    Optional<ContainerRow> found = containers.findById(id);
    if (found.isEmpty()) {
      return;
    }
    ContainerRow row = found.get();
    ContainerRunRow run = runOf(row);
    int exitCode = status == null ? 255 : status.dockerExitCode();
    boolean oom = runtime.oomKilled(id);
    String error = status == null ? "the exit status was lost while the service was down" : null;
    Instant now = Instant.now();
    runtime.releaseCgroup(id);
    releaseNetwork(id);
    runs.update(run.exited(exitCode, oom, now, error));
    ContainerRow exited = withState(row, ContainerState.EXITED);
    containers.update(exited);
    if (oom) {
      publishFirst(new ContainerOom(id));
    }
    publishFirst(new ContainerDied(id, exitCode, oom, now, error));
    mounts.unmounted(id).forEach(this::publishFirst);
    Optional<BuildStepRow> step = buildSteps.find(id);
    if (step.isPresent()) {
      publish(envelope(step.get().cause()), buildSteps.exited(step.get(), exitCode, error));
    }
    List<Pending> waiting = pending.remove(id);
    boolean removing = false;
    boolean restarting = false;
    if (waiting != null) {
      for (Pending p : waiting) {
        switch (p.kind()) {
          case STOP -> publish(p.cause(), new ContainerStopped(id, exitCode, now, false));
          case RESTART -> {
            publish(p.cause(), new ContainerStopped(id, exitCode, now, false));
            restarting = true;
          }
          case REMOVE -> removing = true;
        }
      }
    }
    HostConfig host = hostConfig(row);
    if (removing || (host.autoRemove() && !restarting)) {
      // Docker's --rm removes the anonymous volumes too.
      ContainerRemoved removed = removeNow(exited, removeVolumes.remove(id) || host.autoRemove());
      if (removing) {
        for (Pending p : waiting) {
          if (p.kind() == PendingKind.REMOVE) {
            publish(p.cause(), removed);
          }
        }
      } else {
        publishFirst(removed);
      }
      return;
    }
    if (restarting) {
      ContainerRunRow current = runs.findById(id).orElseThrow();
      try {
        ContainerStarted started = launch(exited, current, false);
        for (Pending p : waiting) {
          if (p.kind() == PendingKind.RESTART) {
            publish(p.cause(), started);
            publish(p.cause(), new ContainerRestarted(id, started.pid(), started.startedAt()));
          }
        }
      } catch (RuntimeException e) {
        for (Pending p : waiting) {
          if (p.kind() == PendingKind.RESTART) {
            ErrorCode code = e instanceof ContainerException c ? c.code() : ErrorCode.INTERNAL;
            publish(p.cause(), new CommandFailed(id, p.cause().type(), code, e.getMessage()));
          }
        }
      }
      return;
    }
    if (!run.manuallyStopped()
        && RestartPolicy.parse(host.restartPolicy()).shouldRestart(exitCode, run.restartCount())) {
      long delay = RestartPolicy.delayMillis(run.restartCount(), run.startedAt(), now);
      containers.update(withState(exited, ContainerState.RESTARTING));
      after.add(() -> timers.schedule(() -> policyRestart(id), delay, TimeUnit.MILLISECONDS));
    }
  }

  private void policyRestart(String id) {
    try {
      lock.call(
          () ->
              transactions.executeWrite(
                  tx -> {
                    synchronized (lock) {
                      Optional<ContainerRow> row = containers.findById(id);
                      if (row.isEmpty() || row.get().state() != ContainerState.RESTARTING) {
                        return null;
                      }
                      ContainerRunRow run = runOf(row.get());
                      try {
                        publishFirst(launch(row.get(), run, true));
                      } catch (RuntimeException e) {
                        LOG.warn("restart policy could not restart {}: {}", id, e.getMessage());
                        containers.update(withState(row.get(), ContainerState.EXITED));
                        runs.update(run.withError(run.exitCode(), e.getMessage()));
                      }
                    }
                    return null;
                  }));
    } catch (RuntimeException e) {
      LOG.error("restarting {} failed", id, e);
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  private ContainerStarted launch(ContainerRow row, ContainerRunRow run, boolean policyRestart) {
    String id = row.id();
    ContainerConfig config = ContainerRows.config(row);
    HostConfig host = hostConfig(row);
    boolean hostNetwork = "host".equals(host.networkMode());
    String hostname =
        hostNetwork
            ? hostHostname()
            : config.hostname() == null || config.hostname().isBlank()
                ? ContainerIds.shortId(id)
                : config.hostname();
    ContainerNetworking.Sandbox sandbox = networking.prepare(row, hostname);
    List<String> argv = new ArrayList<>(config.entrypoint());
    argv.addAll(config.cmd());
    List<String> env = new ArrayList<>();
    env.add("HOSTNAME=" + hostname);
    env.addAll(config.env());
    LaunchSpec spec =
        new LaunchSpec(
            argv,
            env,
            config.workingDir(),
            config.user(),
            config.tty(),
            config.openStdin(),
            List.of());
    ContainerMounts.Start userMounts = mounts.forStart(id);
    ContainerRuntime.StartPlan plan =
        new ContainerRuntime.StartPlan(
            id,
            Arrays.asList(run.lowerDirs().isEmpty() ? new String[0] : run.lowerDirs().split(":")),
            run.upperDir(),
            run.workDir(),
            hostname,
            sandbox.hostNetwork(),
            spec,
            limits(host),
            userMounts.mounts(),
            sandbox.hosts(),
            sandbox.resolvConf(),
            sandbox.joinPid(),
            sandbox.setup());
    RunningProcess process;
    try {
      holdExitUntilThisTransactionEnds(id);
      process = startOrRelease(id, plan);
    } catch (ContainerException e) {
      if (e.code() == ErrorCode.INVALID_ARGUMENT) {
        int code = e.getMessage().contains("permission denied") ? 126 : 127;
        // Recorded outside the command's transaction, which rolls back: Docker keeps it too, and
        // removes a --rm container whose start failed (the CLI waits for that).
        boolean autoRemove = host.autoRemove();
        timers.execute(() -> recordStartFailure(id, code, e.getMessage(), autoRemove));
      }
      throw e;
    }
    userMounts.events().forEach(this::publishFirst);
    Instant now = Instant.now();
    ContainerRunRow started = run.started(process.pid(), process.startTime(), now, policyRestart);
    String held = process.keeperFds();
    runs.update(held == null ? started : started.withKeeperFds(held));
    containers.update(withState(row, ContainerState.RUNNING));
    watch(id, process);
    for (NetworkEndpoint endpoint : networking.endpoints(row)) {
      publishFirst(new NetworkConnected(endpoint.networkId(), endpoint.networkName(), id));
    }
    return new ContainerStarted(id, process.pid(), now, false);
  }

  /** Starts the process; a failed start gives back what its network held. */
  private RunningProcess startOrRelease(String id, ContainerRuntime.StartPlan plan) {
    try {
      return runtime.start(plan);
    } catch (RuntimeException e) {
      networking.release(id);
      throw e;
    }
  }

  /** Gives back a stopped container's addresses and ports, announcing each network it left. */
  private void releaseNetwork(String id) {
    containers
        .findById(id)
        .ifPresent(
            row -> {
              for (NetworkEndpoint endpoint : networking.endpoints(row)) {
                if (!endpoint.ipAddress().isEmpty()) {
                  publishFirst(
                      new NetworkDisconnected(endpoint.networkId(), endpoint.networkName(), id));
                }
              }
            });
    networking.release(id);
  }

  private void recordStartFailure(String id, int exitCode, String message, boolean autoRemove) {
    try {
      lock.call(
          () ->
              transactions.executeWrite(
                  tx -> {
                    synchronized (lock) {
                      if (autoRemove) {
                        containers
                            .findById(id)
                            .ifPresent(row -> publishFirst(removeNow(row, true)));
                      } else {
                        runs.findById(id)
                            .ifPresent(run -> runs.update(run.withError(exitCode, message)));
                      }
                    }
                    return null;
                  }));
    } catch (RuntimeException e) {
      LOG.debug("could not record the failed start of {}", id, e);
    }
  }

  private List<Message> terminate(
      ContainerRow row, RunningProcess process, Integer timeoutSeconds, String signal) {
    String id = row.id();
    ContainerConfig config = ContainerRows.config(row);
    String stopSignal = signal != null ? signal : config.stopSignal();
    int number = stopSignal == null ? Signals.SIGTERM : Signals.parse(stopSignal);
    int timeout = timeoutSeconds == null ? 10 : timeoutSeconds;
    holdExitUntilThisTransactionEnds(id);
    process.signal(number);
    if (row.state() == ContainerState.PAUSED) {
      thaw(row);
    }
    if (timeout >= 0) {
      timers.schedule(
          () -> {
            if (process.running()) {
              process.signal(Signals.SIGKILL);
              runtime.cgroup(id).ifPresent(Cgroup::killAll);
            }
          },
          timeout,
          TimeUnit.SECONDS);
    }
    // Not the outcome: the stop's outcome is written when the process has ended.
    return List.of(new ContainerKilled(id, Signals.name(number)));
  }

  private ContainerRemoved removeNow(ContainerRow row, boolean withVolumes) {
    String id = row.id();
    networking.forget(id);
    runtime.remove(id);
    mounts.removed(id, withVolumes).forEach(this::publishFirst);
    buildSteps.forget(id);
    runs.deleteById(id);
    containers.deleteById(id);
    outbox.add(EventCodec.encodeFirst(identity.source(), new SnapshotRemoveRequested(id)));
    return new ContainerRemoved(id, row.name());
  }

  private void thaw(ContainerRow row) {
    runtime.cgroup(row.id()).ifPresent(Cgroup::thaw);
    containers.update(withState(row, ContainerState.RUNNING));
  }

  private static Limits limits(HostConfig host) {
    Limits limits = Limits.none();
    if (host.memory() > 0) {
      limits = limits.withMemory(host.memory());
    }
    if (host.nanoCpus() > 0) {
      limits = limits.withCpus(host.nanoCpus() / 1e9);
    }
    if (host.cpuShares() > 0) {
      limits = limits.withCpuShares(host.cpuShares());
    }
    if (host.pidsLimit() > 0) {
      limits = limits.withPidsLimit(host.pidsLimit());
    }
    return limits;
  }

  private static String hostHostname() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname"))
          .trim();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  private void addPending(String id, Pending p) {
    pending.computeIfAbsent(id, key -> new ArrayList<>()).add(p);
  }

  private ContainerRow require(String id) {
    return containers.findById(id).orElseThrow(() -> ContainerException.noSuchContainer(id));
  }

  private ContainerRunRow runOf(ContainerRow row) {
    return runs.findById(row.id()).orElseGet(() -> ContainerRunRow.creating(row.id(), null));
  }

  private static boolean isRunning(ContainerRow row) {
    return row.state() == ContainerState.RUNNING || row.state() == ContainerState.PAUSED;
  }

  private static ContainerException notRunning(String id) {
    return new ContainerException(
        ErrorCode.FAILED_PRECONDITION, "container " + id + " is not running");
  }

  private static Instant finished(ContainerRunRow run) {
    return run.finishedAt() != null ? run.finishedAt() : Instant.now();
  }

  static ContainerRow withState(ContainerRow row, ContainerState state) {
    return new ContainerRow(
        row.id(),
        row.name(),
        row.image(),
        row.imageId(),
        row.config(),
        row.hostConfig(),
        state,
        row.createdAt());
  }

  static HostConfig hostConfig(ContainerRow row) {
    try {
      return EventCodec.mapper().readValue(row.hostConfig(), HostConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt host config of " + row.id(), e);
    }
  }

  private void publish(Envelope cause, Message message) {
    outbox.add(EventCodec.encodeCausedBy(cause, identity.source(), message));
  }

  private void publishFirst(Message message) {
    outbox.add(EventCodec.encodeFirst(identity.source(), message));
  }

  static String envelopeJson(Envelope envelope) {
    return EventCodec.toJsonString(envelope);
  }

  private static Envelope envelope(String json) {
    try {
      return EventCodec.mapper().readValue(json, Envelope.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt stored envelope", e);
    }
  }

  /** For the reconciler: starts watching a re-adopted process. */
  void watchAdopted(String id, RunningProcess process) {
    watch(id, process);
  }
}
