package io.berth.container.handling;

import io.berth.container.ContainerException;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerState;
import io.berth.container.store.KnownImages;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.ContainerCreateRequested;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.ContainerRemoveRequested;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageRef;
import io.berth.messaging.ExactlyOnce;
import io.berth.messaging.MessageHandler;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Applies container commands to the container records, exactly once, each ending in its outcome
 * event. The runtime (start, stop, kill, ...) is not part of this service yet: those commands are
 * refused with a clear {@code FAILED_PRECONDITION}.
 */
@Singleton
public class ContainerCommandHandler implements MessageHandler {

  static final String CONSUMER = "commands";

  private final ExactlyOnce exactlyOnce;
  private final ContainerRepository containers;
  private final KnownImages images;

  public ContainerCommandHandler(
      ExactlyOnce exactlyOnce, ContainerRepository containers, KnownImages images) {
    this.exactlyOnce = exactlyOnce;
    this.containers = containers;
    this.images = images;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    exactlyOnce.handle(CONSUMER, message, in -> apply(in.payload(), in.envelope().type()));
  }

  private List<Message> apply(Message payload, String type) {
    if (payload instanceof ContainerCreateRequested create) {
      return List.of(create(create));
    }
    if (payload instanceof ContainerRemoveRequested remove) {
      return List.of(remove(remove));
    }
    throw new ContainerException(
        ErrorCode.FAILED_PRECONDITION,
        type
            + " is not supported by this container-service yet: it keeps container records but"
            + " has no runtime");
  }

  private ContainerCreated create(ContainerCreateRequested request) {
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
    String name = request.name() == null || request.name().isBlank() ? freeName() : request.name();
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
    return new ContainerCreated(
        request.containerId(),
        name,
        request.image(),
        image.imageId(),
        config,
        request.hostConfig(),
        now);
  }

  private ContainerRemoved remove(ContainerRemoveRequested request) {
    ContainerRow row =
        containers
            .findById(request.containerId())
            .orElseThrow(() -> ContainerException.noSuchContainer(request.containerId()));
    if ((row.state() == ContainerState.RUNNING || row.state() == ContainerState.PAUSED)
        && !request.force()) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION,
          "cannot remove container \"/"
              + row.name()
              + "\": container is running: stop the container before removing or force remove");
    }
    containers.deleteById(row.id());
    return new ContainerRemoved(row.id(), row.name());
  }

  private String freeName() {
    for (int i = 0; i < 20; i++) {
      String name = Names.generate();
      if (containers.findByName(name).isEmpty()) {
        return name;
      }
    }
    return Names.generate() + "_" + ContainerIds.shortId(ContainerIds.newId()).substring(0, 4);
  }

  private static String displayRef(String reference) {
    return ImageRef.isValid(reference) ? ImageRef.parse(reference).toString() : reference;
  }
}
