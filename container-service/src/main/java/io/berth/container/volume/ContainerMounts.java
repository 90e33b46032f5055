package io.berth.container.volume;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.container.ContainerException;
import io.berth.container.linux.ContainerMount;
import io.berth.container.store.ContainerMountRepository;
import io.berth.container.store.ContainerMountRow;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.HostConfig;
import io.berth.events.container.Mount;
import io.berth.events.query.MountPoint;
import io.berth.events.volume.VolumeMounted;
import io.berth.events.volume.VolumeUnmounted;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A container's mounts over its life: resolved and stored at create (creating the volumes it names
 * on first use), handed to the launcher at each start, announced as volume {@code mount} and {@code
 * unmount} events, and dropped at remove, with its anonymous volumes when asked ({@code rm -v},
 * {@code --rm}). Called inside the transaction of the container's command.
 */
@Singleton
public class ContainerMounts {

  private final Volumes volumes;
  private final ContainerMountRepository rows;

  public ContainerMounts(Volumes volumes, ContainerMountRepository rows) {
    this.volumes = volumes;
    this.rows = rows;
  }

  /** What a start needs: the launcher's mounts and the volume events to publish. */
  public record Start(List<ContainerMount> mounts, List<Message> events) {}

  /**
   * Resolves, checks and stores a new container's mounts, creating the volumes they name.
   *
   * @return the volume {@code create} events
   * @throws ContainerException INVALID_ARGUMENT in Docker's words for a mount it refuses
   */
  public List<Message> create(String containerId, ContainerConfig config, HostConfig host) {
    List<MountPoint> resolved;
    try {
      resolved = MountSpecs.resolve(host, config.volumes(), ContainerIds::newId);
      for (Mount mount : host.mounts()) {
        if (mount.type().equals("bind") && !Files.exists(Path.of(mount.source()))) {
          throw new IllegalArgumentException(
              "invalid mount config for type \"bind\": bind source path does not exist: "
                  + mount.source());
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ContainerException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
    }
    List<Message> events = new ArrayList<>();
    for (MountPoint mount : resolved) {
      MountPoint stored = mount;
      if (mount.isVolume()) {
        volumes.ensure(mount.name(), Map.of(), Map.of(), mount.anonymous()).ifPresent(events::add);
        stored =
            new MountPoint(
                mount.type(),
                mount.name(),
                volumes.mountpoint(mount.name()).toString(),
                mount.destination(),
                mount.driver(),
                mount.mode(),
                mount.rw(),
                mount.propagation(),
                mount.anonymous(),
                mount.options());
      }
      rows.save(
          new ContainerMountRow(
              containerId + stored.destination(),
              containerId,
              stored.isVolume() ? stored.name() : null,
              EventCodec.toJsonString(stored)));
    }
    return events;
  }

  /** A container's mounts, in the order they are made. */
  public List<MountPoint> of(String containerId) {
    return rows.findByContainerId(containerId).stream()
        .map(ContainerMounts::decode)
        .sorted(
            java.util.Comparator.comparingInt(
                (MountPoint m) -> Path.of(m.destination()).getNameCount()))
        .toList();
  }

  /**
   * The launcher's mounts for a start: a {@code -v} bind's missing host directory is created, as
   * Docker does; an empty volume is seeded from the image unless {@code nocopy}.
   */
  public Start forStart(String containerId) {
    List<ContainerMount> mounts = new ArrayList<>();
    List<Message> events = new ArrayList<>();
    for (MountPoint mount : of(containerId)) {
      switch (mount.type()) {
        case "tmpfs" -> {
          TmpfsOptions options = TmpfsOptions.parse(mount.options());
          mounts.add(ContainerMount.tmpfs(mount.destination(), options.flags(), options.data()));
        }
        case "bind" -> {
          Path source = Path.of(mount.source());
          if (!Files.exists(source)) {
            try {
              Files.createDirectories(source);
            } catch (IOException e) {
              throw new ContainerException(
                  ErrorCode.INVALID_ARGUMENT,
                  "error while creating mount source path '" + source + "': " + e.getMessage(),
                  e);
            }
          }
          mounts.add(ContainerMount.bind(source, mount.destination(), !mount.rw(), false));
        }
        default -> {
          volumes.ensure(mount.name(), Map.of(), Map.of(), mount.anonymous());
          boolean copyUp = !mount.options().contains("nocopy") && volumes.isEmpty(mount.name());
          mounts.add(
              ContainerMount.bind(
                  volumes.mountpoint(mount.name()), mount.destination(), !mount.rw(), copyUp));
          events.add(
              new VolumeMounted(
                  mount.name(),
                  containerId,
                  mount.destination(),
                  Volumes.LOCAL,
                  mount.rw(),
                  mount.propagation()));
        }
      }
    }
    return new Start(mounts, events);
  }

  /** The volume {@code unmount} events of a container whose process ended. */
  public List<Message> unmounted(String containerId) {
    List<Message> events = new ArrayList<>();
    for (MountPoint mount : of(containerId)) {
      if (mount.isVolume()) {
        events.add(new VolumeUnmounted(mount.name(), containerId, Volumes.LOCAL));
      }
    }
    return events;
  }

  /**
   * Forgets a removed container's mounts; with {@code removeAnonymous}, removes its anonymous
   * volumes no other container uses.
   *
   * @return the volume {@code destroy} events
   */
  public List<Message> removed(String containerId, boolean removeAnonymous) {
    List<MountPoint> mounts = of(containerId);
    rows.deleteByContainerId(containerId);
    List<Message> events = new ArrayList<>();
    if (removeAnonymous) {
      for (MountPoint mount : mounts) {
        if (mount.isVolume()
            && mount.anonymous()
            && volumes.exists(mount.name())
            && volumes.users(mount.name()).isEmpty()) {
          events.add(volumes.delete(mount.name()));
        }
      }
    }
    return events;
  }

  private static MountPoint decode(ContainerMountRow row) {
    try {
      return EventCodec.mapper().readValue(row.mount(), MountPoint.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt mount of " + row.containerId(), e);
    }
  }
}
