package io.berth.gateway.events;

import io.berth.events.Message;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerExecCreated;
import io.berth.events.container.ContainerRenamed;
import io.berth.events.container.ContainerRestarted;
import io.berth.events.container.ContainerStarted;
import io.berth.events.image.ImageBuildCompleted;
import io.berth.events.image.ImageCommitted;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageImported;
import io.berth.events.image.ImageLoaded;
import io.berth.events.image.ImagePulled;
import io.berth.events.image.ImageTagged;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small in-memory projection the event streams describe events with: per container its image,
 * labels, names and start times; per exec its command; per image its labels. Built from the
 * beginning of the container and image event topics, so it knows containers long removed. Safe for
 * one writer and many readers.
 */
final class Projection {

  private final Map<String, ContainerFacts> containers = new ConcurrentHashMap<>();
  private final Map<String, List<String>> execs = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> imageLabels = new ConcurrentHashMap<>();

  /** Takes in one event, read at {@code offset} of its partition. */
  void apply(long offset, Message event) {
    if (event instanceof ContainerCreated created) {
      ContainerFacts facts =
          containers.computeIfAbsent(
              created.containerId(),
              id ->
                  new ContainerFacts(
                      created.image(), created.imageId(), created.config().labels()));
      facts.named(offset, created.name());
    } else if (event instanceof ContainerRenamed renamed) {
      container(renamed.containerId()).ifPresent(facts -> facts.named(offset, renamed.newName()));
    } else if (event instanceof ContainerStarted started && !started.alreadyRunning()) {
      container(started.containerId())
          .ifPresent(facts -> facts.started(offset, started.startedAt()));
    } else if (event instanceof ContainerRestarted restarted) {
      container(restarted.containerId())
          .ifPresent(facts -> facts.started(offset, restarted.startedAt()));
    } else if (event instanceof ContainerExecCreated exec) {
      execs.put(exec.execId(), exec.cmd());
    } else if (event instanceof ImageLoaded loaded) {
      loaded.images().forEach(this::remember);
    } else {
      descriptorOf(event).ifPresent(this::remember);
    }
  }

  /** What is known of a container. */
  Optional<ContainerFacts> container(String containerId) {
    return Optional.ofNullable(containers.get(containerId));
  }

  /** The command of an exec, empty if unknown. */
  List<String> execCommand(String execId) {
    return execs.getOrDefault(execId, List.of());
  }

  /** The labels of an image, empty if unknown. */
  Map<String, String> imageLabels(String imageId) {
    return imageLabels.getOrDefault(imageId, Map.of());
  }

  private void remember(ImageDescriptor image) {
    imageLabels.put(image.imageId(), image.config().labels());
  }

  /** The image an image event describes whole, if it does. */
  static Optional<ImageDescriptor> descriptorOf(Message event) {
    if (event instanceof ImageImported imported) {
      return Optional.of(imported.image());
    } else if (event instanceof ImageTagged tagged) {
      return Optional.of(tagged.image());
    } else if (event instanceof ImagePulled pulled) {
      return Optional.of(pulled.image());
    } else if (event instanceof ImageCommitted committed) {
      return Optional.of(committed.image());
    } else if (event instanceof ImageBuildCompleted built) {
      return Optional.of(built.image());
    }
    return Optional.empty();
  }
}
