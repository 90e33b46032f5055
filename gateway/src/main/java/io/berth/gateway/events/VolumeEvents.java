package io.berth.gateway.events;

import io.berth.events.Message;
import io.berth.events.volume.VolumeCreated;
import io.berth.events.volume.VolumeMounted;
import io.berth.events.volume.VolumeRemoved;
import io.berth.events.volume.VolumeUnmounted;
import io.berth.events.volume.VolumesPruned;
import io.berth.gateway.events.json.DockerEventMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Volume events as moby's volume service and daemon log them: {@code create} and {@code destroy}
 * with the {@code driver}; {@code mount} with {@code container}, {@code destination}, {@code
 * driver}, {@code propagation} and {@code read/write}; {@code unmount} with {@code container} and
 * {@code driver}; {@code prune} with {@code reclaimed}. The actor is the volume's name.
 */
final class VolumeEvents {

  private VolumeEvents() {}

  static List<DockerEventMessage> of(Message event, Instant time) {
    if (event instanceof VolumeCreated created) {
      return List.of(volume("create", created.name(), Map.of("driver", created.driver()), time));
    }
    if (event instanceof VolumeRemoved removed) {
      return List.of(volume("destroy", removed.name(), Map.of("driver", removed.driver()), time));
    }
    if (event instanceof VolumeMounted mounted) {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("container", mounted.containerId());
      attributes.put("destination", mounted.destination());
      attributes.put("driver", mounted.driver());
      attributes.put("propagation", mounted.propagation());
      attributes.put("read/write", Boolean.toString(mounted.readWrite()));
      return List.of(volume("mount", mounted.name(), attributes, time));
    }
    if (event instanceof VolumeUnmounted unmounted) {
      return List.of(
          volume(
              "unmount",
              unmounted.name(),
              Map.of("container", unmounted.containerId(), "driver", unmounted.driver()),
              time));
    }
    if (event instanceof VolumesPruned pruned) {
      return List.of(
          volume("prune", "", Map.of("reclaimed", Long.toString(pruned.spaceReclaimed())), time));
    }
    return List.of();
  }

  private static DockerEventMessage volume(
      String action, String name, Map<String, String> attributes, Instant time) {
    return DockerEvents.message(DockerEvents.VOLUME, action, name, attributes, time);
  }
}
