package io.berth.container.volume;

import io.berth.container.ContainerException;
import io.berth.container.handling.TransitionLock;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.query.VolumeDetails;
import io.berth.events.volume.VolumeCreateRequested;
import io.berth.events.volume.VolumeCreated;
import io.berth.events.volume.VolumePruneRequested;
import io.berth.events.volume.VolumeRemoveRequested;
import io.berth.events.volume.VolumeRemoved;
import io.berth.events.volume.VolumesPruned;
import io.berth.messaging.ExactlyOnce;
import io.berth.messaging.MessageHandler;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies volume commands ({@code docker volume create/rm/prune}), exactly once, each ending in its
 * outcome event; under the same lock as container transitions, so a volume is never removed while a
 * container that names it is being created.
 */
@Singleton
public class VolumeCommandHandler implements MessageHandler {

  static final String CONSUMER = "volume-commands";

  private final TransitionLock transitions;
  private final ExactlyOnce exactlyOnce;
  private final Volumes volumes;

  public VolumeCommandHandler(
      TransitionLock transitions, ExactlyOnce exactlyOnce, Volumes volumes) {
    this.transitions = transitions;
    this.exactlyOnce = exactlyOnce;
    this.volumes = volumes;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    transitions.call(() -> exactlyOnce.handle(CONSUMER, message, in -> apply(in.payload())));
  }

  private List<Message> apply(Message payload) {
    if (payload instanceof VolumeCreateRequested create) {
      return List.of(create(create));
    }
    if (payload instanceof VolumeRemoveRequested remove) {
      return List.of(
          volumes
              .remove(remove.name(), remove.force())
              .orElse(new VolumeRemoved(remove.name(), Volumes.LOCAL)));
    }
    if (payload instanceof VolumePruneRequested prune) {
      return prune(prune);
    }
    throw new ContainerException(
        ErrorCode.FAILED_PRECONDITION,
        payload.getClass().getSimpleName() + " is not supported by this container-service");
  }

  private VolumeCreated create(VolumeCreateRequested create) {
    if (!create.driver().equals(Volumes.LOCAL)) {
      throw new ContainerException(
          ErrorCode.NOT_FOUND,
          "create "
              + create.name()
              + ": error looking up volume plugin "
              + create.driver()
              + ": plugin \""
              + create.driver()
              + "\" not found");
    }
    return volumes
        .ensure(create.name(), create.labels(), create.options(), false)
        .orElseGet(
            () -> {
              VolumeDetails existing =
                  volumes.list().stream()
                      .filter(v -> v.name().equals(create.name()))
                      .findFirst()
                      .orElseThrow();
              return new VolumeCreated(
                  existing.name(),
                  existing.driver(),
                  existing.mountpoint(),
                  existing.labels(),
                  existing.createdAt(),
                  existing.anonymous());
            });
  }

  /** Removes unused volumes: anonymous ones, or every one with {@code all}; Docker's prune. */
  private List<Message> prune(VolumePruneRequested prune) {
    List<Message> events = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    long reclaimed = 0;
    for (VolumeDetails volume : volumes.list()) {
      if (!volume.containers().isEmpty()
          || (!prune.all() && !volume.anonymous())
          || !matchesLabels(volume.labels(), prune.labels())) {
        continue;
      }
      reclaimed += volumes.size(volume.name());
      events.add(volumes.delete(volume.name()));
      deleted.add(volume.name());
    }
    events.add(new VolumesPruned(prune.pruneId(), deleted, reclaimed));
    return events;
  }

  private static boolean matchesLabels(Map<String, String> labels, List<String> wanted) {
    for (String filter : wanted) {
      int eq = filter.indexOf('=');
      boolean match =
          eq < 0
              ? labels.containsKey(filter)
              : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
      if (!match) {
        return false;
      }
    }
    return true;
  }
}
