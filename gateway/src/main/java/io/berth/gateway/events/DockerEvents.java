package io.berth.gateway.events;

import io.berth.events.Message;
import io.berth.events.Topic;
import io.berth.events.container.ContainerCommitted;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerExecCreated;
import io.berth.events.container.ContainerExecDied;
import io.berth.events.container.ContainerExecStarted;
import io.berth.events.container.ContainerKilled;
import io.berth.events.container.ContainerOom;
import io.berth.events.container.ContainerPaused;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.container.ContainerRenamed;
import io.berth.events.container.ContainerRestarted;
import io.berth.events.container.ContainerStarted;
import io.berth.events.container.ContainerStopped;
import io.berth.events.container.ContainerUnpaused;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageImported;
import io.berth.events.image.ImageLoaded;
import io.berth.events.image.ImagePulled;
import io.berth.events.image.ImagePushed;
import io.berth.events.image.ImageRef;
import io.berth.events.image.ImageRemoved;
import io.berth.events.image.ImageSaved;
import io.berth.events.image.ImageTagged;
import io.berth.events.image.ImageUntagged;
import io.berth.events.image.ImagesPruned;
import io.berth.gateway.events.json.DockerEventMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Berth's events as Docker's event messages, the way moby's daemon logs them: a container event
 * carries the container's labels, {@code image} (as asked at create) and {@code name}, plus what
 * the action adds ({@code exitCode} and {@code execDuration} on {@code die}, the signal number on
 * {@code kill}, {@code oldName} on {@code rename}, {@code execID} on exec events); an image event
 * carries the image's labels and {@code name}. Berth events Docker has no message for (build steps,
 * outcomes that changed nothing, failures) map to none; one Berth event may map to several (a load
 * names each image it loaded).
 *
 * @see <a href="https://docs.docker.com/reference/cli/docker/system/events/">docker events</a>
 */
final class DockerEvents {

  static final String CONTAINER = "container";
  static final String IMAGE = "image";
  static final String VOLUME = "volume";
  static final String NETWORK = "network";

  /** The topics Docker's event stream reads. */
  static final List<String> TOPICS =
      List.of(
          Topic.CONTAINER_EVENTS.topicName(),
          Topic.IMAGE_EVENTS.topicName(),
          Topic.VOLUME_EVENTS.topicName());

  private DockerEvents() {}

  /** The Docker messages for one record, none if Docker has no word for it. */
  static List<DockerEventMessage> of(LogEntry entry, Projection projection) {
    if (entry.message() == null) {
      return List.of();
    }
    Message event = entry.message().payload();
    Instant time = entry.message().envelope().time();
    String topic = entry.partition().topic();
    if (topic.equals(Topic.CONTAINER_EVENTS.topicName()) && NetworkEvents.isNetworkEvent(event)) {
      return NetworkEvents.of(event, time);
    }
    if (topic.equals(Topic.CONTAINER_EVENTS.topicName())) {
      return containerAction(entry.offset(), event, projection)
          .map(action -> List.of(container(action, entry.offset(), event, time, projection)))
          .orElse(List.of());
    }
    if (topic.equals(Topic.IMAGE_EVENTS.topicName())) {
      return image(event, time, projection);
    }
    if (topic.equals(Topic.VOLUME_EVENTS.topicName())) {
      return VolumeEvents.of(event, time);
    }
    return List.of();
  }

  /** A container event's action and the attributes it adds. */
  private record Action(String name, Map<String, String> attributes) {
    static Action of(String name) {
      return new Action(name, Map.of());
    }

    static Action of(String name, String key, String value) {
      return new Action(name, Map.of(key, value));
    }
  }

  private static Optional<Action> containerAction(
      long offset, Message event, Projection projection) {
    Action action = null;
    if (event instanceof ContainerCreated) {
      action = Action.of("create");
    } else if (event instanceof ContainerStarted started && !started.alreadyRunning()) {
      action = Action.of("start");
    } else if (event instanceof ContainerDied died) {
      action = new Action("die", died(offset, died, projection));
    } else if (event instanceof ContainerKilled killed) {
      action = Action.of("kill", "signal", SignalNumbers.of(killed.signal()));
    } else if (event instanceof ContainerStopped stopped && !stopped.alreadyStopped()) {
      action = Action.of("stop");
    } else if (event instanceof ContainerPaused) {
      action = Action.of("pause");
    } else if (event instanceof ContainerUnpaused) {
      action = Action.of("unpause");
    } else if (event instanceof ContainerRestarted) {
      action = Action.of("restart");
    } else if (event instanceof ContainerRenamed renamed) {
      action = Action.of("rename", "oldName", renamed.oldName());
    } else if (event instanceof ContainerRemoved) {
      action = Action.of("destroy");
    } else if (event instanceof ContainerOom) {
      action = Action.of("oom");
    } else if (event instanceof ContainerCommitted committed) {
      action = Action.of("commit", "imageID", committed.imageId());
    } else if (event instanceof ContainerExecCreated exec) {
      action = Action.of("exec_create: " + command(exec.cmd()), "execID", exec.execId());
    } else if (event instanceof ContainerExecStarted exec) {
      action =
          Action.of(
              "exec_start: " + command(projection.execCommand(exec.execId())),
              "execID",
              exec.execId());
    } else if (event instanceof ContainerExecDied exec) {
      action =
          new Action(
              "exec_die",
              Map.of("execID", exec.execId(), "exitCode", Integer.toString(exec.exitCode())));
    }
    return Optional.ofNullable(action);
  }

  private static Map<String, String> died(long offset, ContainerDied died, Projection projection) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("exitCode", Integer.toString(died.exitCode()));
    projection
        .container(died.containerId())
        .flatMap(facts -> facts.startedAt(offset))
        .ifPresent(
            started ->
                attributes.put(
                    "execDuration",
                    Long.toString(
                        Math.max(0, Duration.between(started, died.finishedAt()).toSeconds()))));
    return attributes;
  }

  /** As moby words an exec's action: the entrypoint, a space, then the arguments joined. */
  private static String command(List<String> cmd) {
    if (cmd.isEmpty()) {
      return "";
    }
    return cmd.get(0) + " " + String.join(" ", cmd.subList(1, cmd.size()));
  }

  private static DockerEventMessage container(
      Action action, long offset, Message event, Instant time, Projection projection) {
    String id = event.subject();
    Map<String, String> attributes = new LinkedHashMap<>();
    Optional<ContainerFacts> facts = projection.container(id);
    if (event instanceof ContainerCreated created) {
      attributes.putAll(created.config().labels());
      attributes.put("image", created.image());
      attributes.put("name", created.name());
    } else {
      facts.ifPresent(f -> attributes.putAll(f.labels()));
      facts.ifPresent(f -> attributes.put("image", f.image()));
      facts
          .flatMap(f -> f.nameAt(offset))
          .or(
              () ->
                  event instanceof ContainerRemoved removed
                      ? Optional.ofNullable(removed.name())
                      : Optional.empty())
          .ifPresent(name -> attributes.put("name", name));
    }
    attributes.putAll(action.attributes());
    return message(CONTAINER, action.name(), id, attributes, time);
  }

  private static List<DockerEventMessage> image(
      Message event, Instant time, Projection projection) {
    List<DockerEventMessage> messages = new ArrayList<>();
    if (event instanceof ImageImported imported) {
      ImageDescriptor image = imported.image();
      image
          .repoTags()
          .forEach(tag -> messages.add(image("tag", image.imageId(), tag, image, time)));
      messages.add(image("import", image.imageId(), image.imageId(), image, time));
    } else if (event instanceof ImageTagged tagged) {
      messages.add(
          image("tag", tagged.image().imageId(), tagged.reference(), tagged.image(), time));
    } else if (event instanceof ImageUntagged untagged) {
      messages.add(
          image(
              "untag",
              untagged.imageId(),
              untagged.imageId(),
              projection.imageLabels(untagged.imageId()),
              time));
    } else if (event instanceof ImageRemoved removed) {
      removed.deleted().forEach(id -> messages.add(image("delete", id, id, Map.of(), time)));
    } else if (event instanceof ImageLoaded loaded) {
      loaded
          .images()
          .forEach(
              image -> messages.add(image("load", image.imageId(), image.imageId(), image, time)));
    } else if (event instanceof ImageSaved saved) {
      saved
          .imageIds()
          .forEach(id -> messages.add(image("save", id, id, projection.imageLabels(id), time)));
    } else if (event instanceof ImagePulled pulled) {
      messages.add(
          image("pull", pulled.reference(), repository(pulled.reference()), pulled.image(), time));
    } else if (event instanceof ImagePushed pushed) {
      messages.add(
          image(
              "push",
              pushed.reference(),
              repository(pushed.reference()),
              projection.imageLabels(pushed.imageId()),
              time));
    } else if (event instanceof ImagesPruned pruned) {
      messages.add(
          message(
              IMAGE,
              "prune",
              "",
              Map.of("reclaimed", Long.toString(pruned.spaceReclaimed())),
              time));
    }
    return messages;
  }

  private static DockerEventMessage image(
      String action, String id, String name, ImageDescriptor image, Instant time) {
    return image(action, id, name, image.config().labels(), time);
  }

  private static DockerEventMessage image(
      String action, String id, String name, Map<String, String> labels, Instant time) {
    Map<String, String> attributes = new LinkedHashMap<>(labels);
    attributes.put("name", name);
    return message(IMAGE, action, id, attributes, time);
  }

  private static String repository(String reference) {
    try {
      return ImageRef.parse(reference).repository();
    } catch (IllegalArgumentException e) {
      return reference;
    }
  }

  static DockerEventMessage message(
      String type, String action, String id, Map<String, String> attributes, Instant time) {
    String from = type.equals(CONTAINER) ? attributes.get("image") : null;
    // moby fills the deprecated status and id for container and image events only.
    boolean legacy = type.equals(CONTAINER) || type.equals(IMAGE);
    return new DockerEventMessage(
        legacy ? action : null,
        legacy ? id : null,
        from,
        type,
        action,
        new DockerEventMessage.Actor(id, attributes),
        DockerEventMessage.LOCAL,
        time.getEpochSecond(),
        time.getEpochSecond() * 1_000_000_000L + time.getNano());
  }
}
