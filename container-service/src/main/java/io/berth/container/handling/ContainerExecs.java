package io.berth.container.handling;

import io.berth.container.ContainerException;
import io.berth.container.linux.LaunchSpec;
import io.berth.container.runtime.ContainerLog;
import io.berth.container.runtime.ContainerRuntime;
import io.berth.container.runtime.RunningProcess;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRows;
import io.berth.container.store.ContainerState;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.ContainerExecCreateRequested;
import io.berth.events.container.ContainerExecCreated;
import io.berth.events.container.ContainerExecDied;
import io.berth.events.container.ContainerExecStartRequested;
import io.berth.events.container.ContainerExecStarted;
import io.berth.messaging.ServiceIdentity;
import io.berth.messaging.outbox.Outbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exec instances ({@code docker exec}): created by a command, started attached (through the stream
 * server) or detached; like Docker, they are kept in memory only.
 */
@Singleton
public class ContainerExecs {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerExecs.class);

  /** One exec instance. */
  public static final class Exec {
    final ContainerExecCreateRequested request;
    volatile RunningProcess process;
    volatile Integer exitCode;
    volatile boolean running;

    Exec(ContainerExecCreateRequested request) {
      this.request = request;
    }

    public ContainerExecCreateRequested request() {
      return request;
    }

    public boolean running() {
      return running;
    }

    public Integer exitCode() {
      return exitCode;
    }

    public long pid() {
      RunningProcess p = process;
      return p == null ? 0 : p.pid();
    }

    public RunningProcess process() {
      return process;
    }
  }

  private final Map<String, Exec> execs = new ConcurrentHashMap<>();
  private final ContainerRepository containers;
  private final ContainerRuntime runtime;
  private final TransactionOperations<Connection> transactions;
  private final Outbox outbox;
  private final ServiceIdentity identity;

  private final TransitionLock transitions;

  public ContainerExecs(
      TransitionLock transitions,
      ContainerRepository containers,
      ContainerRuntime runtime,
      TransactionOperations<Connection> transactions,
      Outbox outbox,
      ServiceIdentity identity) {
    this.transitions = transitions;
    this.containers = containers;
    this.runtime = runtime;
    this.transactions = transactions;
    this.outbox = outbox;
    this.identity = identity;
  }

  List<Message> create(ContainerExecCreateRequested request) {
    ContainerRow row =
        containers
            .findById(request.containerId())
            .orElseThrow(() -> ContainerException.noSuchContainer(request.containerId()));
    requireRunning(row);
    execs.put(request.execId(), new Exec(request));
    return List.of(
        new ContainerExecCreated(request.containerId(), request.execId(), request.cmd()));
  }

  List<Message> startDetached(ContainerExecStartRequested request) {
    Exec exec = start(request.execId(), null);
    return List.of(new ContainerExecStarted(request.containerId(), request.execId(), exec.pid()));
  }

  /** The exec instance, if known. */
  public Optional<Exec> find(String execId) {
    return Optional.ofNullable(execs.get(execId));
  }

  /** Exec ids of a container. */
  public List<String> idsOf(String containerId) {
    List<String> ids = new ArrayList<>();
    execs.forEach(
        (id, exec) -> {
          if (exec.request.containerId().equals(containerId)) {
            ids.add(id);
          }
        });
    return ids;
  }

  /**
   * Starts an exec instance; {@code listener}, when given, is attached before its output flows.
   *
   * @throws ContainerException NOT_FOUND, or FAILED_PRECONDITION when it ran already or its
   *     container stopped
   */
  public Exec start(String execId, RunningProcess.OutputListener listener) {
    Exec exec = execs.get(execId);
    if (exec == null) {
      throw new ContainerException(ErrorCode.NOT_FOUND, "No such exec instance: " + execId);
    }
    synchronized (exec) {
      if (exec.process != null) {
        throw new ContainerException(
            ErrorCode.FAILED_PRECONDITION, "Error: Exec command " + execId + " has already run");
      }
      ContainerExecCreateRequested request = exec.request;
      ContainerRow row =
          containers
              .findById(request.containerId())
              .orElseThrow(() -> ContainerException.noSuchContainer(request.containerId()));
      requireRunning(row);
      ContainerConfig config = ContainerRows.config(row);
      List<String> env = new ArrayList<>(config.env());
      env.addAll(request.env());
      LaunchSpec spec =
          new LaunchSpec(
              request.cmd(),
              env,
              request.workingDir() != null ? request.workingDir() : config.workingDir(),
              request.user() != null ? request.user() : config.user(),
              request.tty(),
              request.attachStdin(),
              List.of());
      ContainerLog log;
      try {
        java.nio.file.Path dir = runtime.bundle(request.containerId()).resolve("exec");
        Files.createDirectories(dir);
        log = ContainerLog.open(dir.resolve(execId + ".log"));
      } catch (java.io.IOException e) {
        throw new ContainerException(ErrorCode.INTERNAL, e.getMessage(), e);
      }
      RunningProcess process =
          runtime.exec(
              request.containerId(), spec, log, listener == null ? List.of() : List.of(listener));
      exec.process = process;
      exec.running = true;
      publish(new ContainerExecStarted(request.containerId(), execId, process.pid()));
      process
          .onExit()
          .whenComplete(
              (status, error) ->
                  process
                      .onDrained()
                      .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                      .whenComplete(
                          (ignored, drainError) -> {
                            exec.exitCode = status == null ? 126 : status.dockerExitCode();
                            exec.running = false;
                            process.release();
                            log.close();
                            publish(
                                new ContainerExecDied(
                                    request.containerId(), execId, exec.exitCode));
                          }));
      return exec;
    }
  }

  private void publish(Message event) {
    try {
      transitions.call(
          () ->
              transactions.executeWrite(
                  tx -> {
                    outbox.add(EventCodec.encodeFirst(identity.source(), event));
                    return null;
                  }));
    } catch (RuntimeException e) {
      LOG.warn("could not publish {}", event, e);
    }
  }

  private static void requireRunning(ContainerRow row) {
    if (row.state() == ContainerState.PAUSED) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION,
          "container " + row.id() + " is paused, unpause the container before exec");
    }
    if (row.state() != ContainerState.RUNNING) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION, "container " + row.id() + " is not running");
    }
  }
}
