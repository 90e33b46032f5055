package io.berth.container.handling;

import io.berth.container.ContainerException;
import io.berth.container.network.ContainerNetworking;
import io.berth.container.network.Networks;
import io.berth.container.runtime.ContainerRuntime;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRows;
import io.berth.container.store.ContainerRunRepository;
import io.berth.container.store.ContainerRunRow;
import io.berth.container.store.ContainerState;
import io.berth.container.store.StateCount;
import io.berth.container.volume.ContainerMounts;
import io.berth.container.volume.Volumes;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.ContainerIds;
import io.berth.events.network.NetworkDetails;
import io.berth.events.query.ContainerCountsReported;
import io.berth.events.query.ContainerCountsRequested;
import io.berth.events.query.ContainerDetails;
import io.berth.events.query.ContainerInspectRequested;
import io.berth.events.query.ContainerInspected;
import io.berth.events.query.ContainerListReported;
import io.berth.events.query.ContainerListRequested;
import io.berth.events.query.ContainerResolveRequested;
import io.berth.events.query.ContainerResolved;
import io.berth.events.query.ContainerSummary;
import io.berth.events.query.NetworkListReported;
import io.berth.events.query.NetworkListRequested;
import io.berth.events.query.VolumeListReported;
import io.berth.events.query.VolumeListRequested;
import io.berth.messaging.MessageHandler;
import io.berth.messaging.QueryResponder;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers the queries addressed to the container-service; ignores everyone else's. */
@Singleton
public class ContainerQueryHandler implements MessageHandler {

  private final ContainerRepository containers;
  private final QueryResponder responder;
  private final ContainerRunRepository runs;
  private final ContainerExecs execs;
  private final ContainerRuntime runtime;
  private final ContainerMounts mounts;
  private final Volumes volumes;
  private final Networks networks;
  private final ContainerNetworking networking;

  public ContainerQueryHandler(
      ContainerRepository containers,
      QueryResponder responder,
      ContainerRunRepository runs,
      ContainerExecs execs,
      ContainerRuntime runtime,
      ContainerMounts mounts,
      Volumes volumes,
      Networks networks,
      ContainerNetworking networking) {
    this.mounts = mounts;
    this.volumes = volumes;
    this.networks = networks;
    this.networking = networking;
    this.containers = containers;
    this.responder = responder;
    this.runs = runs;
    this.execs = execs;
    this.runtime = runtime;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    if (message.payload() instanceof ContainerCountsRequested counts) {
      long running = 0;
      long paused = 0;
      long total = 0;
      for (StateCount count : containers.countPerState()) {
        total += count.n();
        if (count.state().equals(ContainerState.RUNNING.name())) {
          running = count.n();
        } else if (count.state().equals(ContainerState.PAUSED.name())) {
          paused = count.n();
        }
      }
      responder.reply(
          message,
          new ContainerCountsReported(
              counts.requestId(), total, running, paused, total - running - paused));
    } else if (message.payload() instanceof ContainerListRequested list) {
      List<ContainerRow> rows =
          list.all()
              ? containers.listOrderByCreatedAtDesc()
              : containers.findByStateInListOrderByCreatedAtDesc(
                  List.of(
                      ContainerState.RUNNING, ContainerState.PAUSED, ContainerState.RESTARTING));
      responder.reply(
          message,
          new ContainerListReported(list.requestId(), rows.stream().map(this::summary).toList()));
    } else if (message.payload() instanceof ContainerInspectRequested inspect) {
      try {
        ContainerRow row = resolve(inspect.reference());
        responder.reply(message, new ContainerInspected(inspect.requestId(), details(row)));
      } catch (ContainerException e) {
        responder.fail(message, e.code(), e.getMessage());
      }
    } else if (message.payload() instanceof VolumeListRequested volumeList) {
      responder.reply(message, new VolumeListReported(volumeList.requestId(), volumes.list()));
    } else if (message.payload() instanceof NetworkListRequested list) {
      responder.reply(
          message,
          new NetworkListReported(
              list.requestId(),
              networks.all().stream()
                  .map(
                      row ->
                          new NetworkDetails(Networks.descriptor(row), networking.endpointsOn(row)))
                  .toList()));
    } else if (message.payload() instanceof ContainerResolveRequested resolve) {
      try {
        ContainerRow row = resolve(resolve.reference());
        responder.reply(
            message,
            new ContainerResolved(
                resolve.requestId(), row.id(), row.name(), row.state().dockerName()));
      } catch (ContainerException e) {
        responder.fail(message, e.code(), e.getMessage());
      }
    }
  }

  /** One container in full, as {@code docker inspect} shows it. */
  public ContainerDetails details(ContainerRow row) {
    ContainerRunRow run = runs.findById(row.id()).orElse(null);
    boolean running = row.state() == ContainerState.RUNNING || row.state() == ContainerState.PAUSED;
    String rootDir = null;
    if (running && run != null && run.pid() > 0) {
      rootDir = "/proc/" + run.pid() + "/root";
    }
    return new ContainerDetails(
        row.id(),
        row.name(),
        row.image(),
        row.imageId(),
        row.createdAt(),
        ContainerRows.config(row),
        ContainerLifecycle.hostConfig(row),
        row.state().dockerName(),
        running && run != null ? run.pid() : 0,
        run == null ? 0 : run.exitCode(),
        run == null ? null : run.error(),
        run != null && run.oomKilled(),
        run == null ? null : run.startedAt(),
        run == null ? null : run.finishedAt(),
        run == null ? 0 : run.restartCount(),
        execs.idsOf(row.id()),
        rootDir,
        runtime.bundle(row.id()).resolve("container.log").toString(),
        mounts.of(row.id()),
        networking.endpoints(row),
        networking.ports(row.id()));
  }

  private ContainerSummary summary(ContainerRow row) {
    ContainerRunRow run = runs.findById(row.id()).orElse(null);
    ContainerConfig config = ContainerRows.config(row);
    List<String> commandLine = new ArrayList<>(config.entrypoint());
    commandLine.addAll(config.cmd());
    return new ContainerSummary(
        row.id(),
        row.name(),
        row.image(),
        row.imageId(),
        String.join(" ", commandLine),
        row.createdAt(),
        row.state().dockerName(),
        config.labels(),
        run == null || run.finishedAt() == null ? null : run.exitCode(),
        run == null ? null : run.startedAt(),
        run == null ? null : run.finishedAt(),
        networking.endpoints(row),
        networking.ports(row.id()));
  }

  /** Docker's order: full id, then exact name, then a unique id prefix. */
  public ContainerRow resolve(String reference) {
    String ref = reference.startsWith("/") ? reference.substring(1) : reference;
    if (ContainerIds.isId(ref)) {
      Optional<ContainerRow> byId = containers.findById(ref);
      if (byId.isPresent()) {
        return byId.get();
      }
    }
    Optional<ContainerRow> byName = containers.findByName(ref);
    if (byName.isPresent()) {
      return byName.get();
    }
    if (!ref.isEmpty() && ref.matches("[0-9a-f]+")) {
      List<ContainerRow> matches = containers.findByIdLike(ref + "%");
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        throw new ContainerException(
            ErrorCode.INVALID_ARGUMENT, "multiple IDs found with provided prefix: " + reference);
      }
    }
    throw ContainerException.noSuchContainer(reference);
  }
}
