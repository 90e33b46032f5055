package io.berth.container.handling;

import io.berth.container.ContainerException;
import io.berth.container.network.NetworkCommands;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRunRepository;
import io.berth.container.store.ContainerRunRow;
import io.berth.container.store.ContainerState;
import io.berth.container.store.KnownImages;
import io.berth.container.volume.ContainerMounts;
import io.berth.events.Envelope;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.container.ContainerBuildStepRequested;
import io.berth.events.container.ContainerCommitRequested;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.ContainerCreateRequested;
import io.berth.events.container.ContainerExecCreateRequested;
import io.berth.events.container.ContainerExecStartRequested;
import io.berth.events.container.ContainerKillRequested;
import io.berth.events.container.ContainerPauseRequested;
import io.berth.events.container.ContainerRemoveRequested;
import io.berth.events.container.ContainerRenameRequested;
import io.berth.events.container.ContainerRestartRequested;
import io.berth.events.container.ContainerStartRequested;
import io.berth.events.container.ContainerStopRequested;
import io.berth.events.container.ContainerUnpauseRequested;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageRef;
import io.berth.events.layer.SnapshotPrepareRequested;
import io.berth.messaging.Consumers;
import io.berth.messaging.ExactlyOnce;
import io.berth.messaging.MessageHandler;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies container commands to the container records, exactly once, each ending in its outcome
 * event. The runtime (start, stop, kill, ...) is not part of this service yet: those commands are
 * refused with a clear {@code FAILED_PRECONDITION}.
 */
@Singleton
public class ContainerCommandHandler implements MessageHandler {

  static final String CONSUMER = "commands";
  private static final Duration IMAGE_EVENTS_WAIT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(ContainerCommandHandler.class);

  private final Consumers consumers;

  private final ExactlyOnce exactlyOnce;
  private final ContainerRepository containers;
  private final KnownImages images;
  private final ContainerRunRepository runs;
  private final ContainerLifecycle lifecycle;
  private final ContainerExecs execs;
  private final BuildSteps buildSteps;
  private final ContainerCommits commits;
  private final ContainerMounts mounts;

  private final TransitionLock transitions;
  private final NetworkCommands networkCommands;

  public ContainerCommandHandler(
      TransitionLock transitions,
      ExactlyOnce exactlyOnce,
      ContainerRepository containers,
      KnownImages images,
      ContainerRunRepository runs,
      ContainerLifecycle lifecycle,
      ContainerExecs execs,
      BuildSteps buildSteps,
      ContainerCommits commits,
      ContainerMounts mounts,
      NetworkCommands networkCommands,
      Consumers consumers) {
    this.consumers = consumers;
    this.mounts = mounts;
    this.networkCommands = networkCommands;
    this.transitions = transitions;
    this.buildSteps = buildSteps;
    this.exactlyOnce = exactlyOnce;
    this.containers = containers;
    this.images = images;
    this.runs = runs;
    this.lifecycle = lifecycle;
    this.execs = execs;
    this.commits = commits;
  }

  @Override
  public void handle(Enveloped<Message> message) throws InterruptedException {
    if (message.payload() instanceof ContainerCreateRequested create
        && images.resolve(create.image()).isEmpty()) {
      awaitImageEvents();
    }
    transitions.call(
        () -> exactlyOnce.handle(CONSUMER, message, in -> apply(in.payload(), in.envelope())));
  }

  /**
   * Lets the image events that were already written be read before a create is refused for an
   * unknown image: {@code docker build} returns when the gateway reads the build's last event, and
   * the {@code docker run} after it can reach this consumer before the same event reaches the
   * image-events consumer. Bounded, and outside the transition lock the image events need.
   */
  private void awaitImageEvents() throws InterruptedException {
    var loop = consumers.loop(ImageEventHandler.CONSUMER);
    try {
      if (loop.isPresent() && !loop.get().awaitCaughtUp(IMAGE_EVENTS_WAIT)) {
        LOG.warn(
            "image events not caught up within {}; deciding on what is known", IMAGE_EVENTS_WAIT);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not tell how far the image events are read; deciding on what is known", e);
    }
  }

  private List<Message> apply(Message payload, Envelope envelope) {
    if (payload instanceof ContainerCreateRequested create) {
      return create(create, envelope);
    }
    if (payload instanceof ContainerBuildStepRequested step) {
      return buildSteps.create(step, envelope);
    }
    if (payload instanceof ContainerStartRequested start) {
      return lifecycle.start(start.containerId(), envelope);
    }
    if (payload instanceof ContainerStopRequested stop) {
      return lifecycle.stop(stop.containerId(), stop.timeoutSeconds(), stop.signal(), envelope);
    }
    if (payload instanceof ContainerRestartRequested restart) {
      return lifecycle.restart(
          restart.containerId(), restart.timeoutSeconds(), restart.signal(), envelope);
    }
    if (payload instanceof ContainerKillRequested kill) {
      return lifecycle.kill(kill.containerId(), kill.signal());
    }
    if (payload instanceof ContainerPauseRequested pause) {
      return lifecycle.pause(pause.containerId());
    }
    if (payload instanceof ContainerUnpauseRequested unpause) {
      return lifecycle.unpause(unpause.containerId());
    }
    if (payload instanceof ContainerRenameRequested rename) {
      return lifecycle.rename(rename.containerId(), rename.newName());
    }
    if (payload instanceof ContainerRemoveRequested remove) {
      return lifecycle.remove(
          remove.containerId(), remove.force(), remove.removeVolumes(), envelope);
    }
    if (payload instanceof ContainerExecCreateRequested exec) {
      return execs.create(exec);
    }
    if (payload instanceof ContainerExecStartRequested exec) {
      return execs.startDetached(exec);
    }
    if (payload instanceof ContainerCommitRequested commit) {
      return commits.begin(commit, envelope);
    }
    if (networkCommands.handles(payload)) {
      return networkCommands.apply(payload);
    }
    throw new ContainerException(
        ErrorCode.FAILED_PRECONDITION,
        envelope.type() + " is not supported by this container-service");
  }

  private List<Message> create(ContainerCreateRequested request, Envelope envelope) {
    ImageDescriptor image =
        images
            .resolve(request.image())
            .orElseThrow(
                () ->
                    new ContainerException(
                        ErrorCode.NOT_FOUND, "No such image: " + displayRef(request.image())));
    if (containers.existsById(request.containerId())) {
      throw new ContainerException(
          ErrorCode.ALREADY_EXISTS, "container id " + request.containerId() + " is already in use");
    }
    String name =
        request.name() == null || request.name().isBlank()
            ? Names.free(containers)
            : request.name();
    if (name.startsWith("/")) {
      name = name.substring(1);
    }
    if (!Names.isValid(name)) {
      throw new ContainerException(
          ErrorCode.INVALID_ARGUMENT,
          "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    containers
        .findByName(name)
        .ifPresent(
            other -> {
              throw new ContainerException(
                  ErrorCode.ALREADY_EXISTS,
                  "Conflict. The container name \"/"
                      + other.name()
                      + "\" is already in use by container \""
                      + other.id()
                      + "\". You have to remove (or rename) that container to be able to reuse"
                      + " that name.");
            });
    ContainerConfig config = EffectiveConfig.merge(request.config(), image.config());
    if (config.entrypoint().isEmpty() && config.cmd().isEmpty()) {
      throw new ContainerException(ErrorCode.INVALID_ARGUMENT, "No command specified");
    }
    RestartPolicy.parse(request.hostConfig().restartPolicy());
    networkCommands.requireNetwork(request.hostConfig().networkMode());
    Instant now = Instant.now();
    containers.save(
        new ContainerRow(
            request.containerId(),
            name,
            request.image(),
            image.imageId(),
            EventCodec.toJsonString(config),
            EventCodec.toJsonString(request.hostConfig()),
            ContainerState.CREATED,
            now));
    runs.save(
        ContainerRunRow.creating(request.containerId(), ContainerLifecycle.envelopeJson(envelope)));
    List<Message> volumeEvents = mounts.create(request.containerId(), config, request.hostConfig());
    // The create's outcome follows once the layer-service prepared the root (LayerEventHandler).
    List<Message> messages = new ArrayList<>(volumeEvents);
    messages.add(0, rootFor(request.containerId(), image));
    return messages;
  }

  /** Asks the layer-service for a new container's root on top of its image's layers. */
  static SnapshotPrepareRequested rootFor(String containerId, ImageDescriptor image) {
    List<String> chain = image.chainIds();
    return new SnapshotPrepareRequested(
        containerId, chain.isEmpty() ? null : chain.get(chain.size() - 1), image.diffIds());
  }

  private static String displayRef(String reference) {
    return ImageRef.isValid(reference) ? ImageRef.parse(reference).toString() : reference;
  }
}
