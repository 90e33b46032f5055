package io.berth.events.container;

import java.util.Map;
import java.util.Set;

/**
 * One mount as {@code docker run --mount} asks for it: an entry of the Engine API's {@code
 * HostConfig.Mounts}.
 *
 * @param type {@code bind}, {@code volume} or {@code tmpfs}
 * @param source the host path of a bind, the name of a volume (empty for an anonymous one), empty
 *     for a tmpfs
 * @param target the absolute path inside the container
 * @param readOnly whether the container sees it read-only
 * @param noCopy for a volume: do not seed a new volume with the image's content at {@code target}
 * @param volumeLabels for a volume created by this mount: its labels
 * @param tmpfsSizeBytes for a tmpfs: its size limit, 0 for the kernel's default
 * @param tmpfsMode for a tmpfs: the permission bits of its root, 0 for the default ({@code 1777})
 * @see <a href="https://docs.docker.com/engine/api/v1.45/#tag/Container/operation/ContainerCreate">
 *     ContainerCreate</a>
 */
public record Mount(
    String type,
    String source,
    String target,
    boolean readOnly,
    boolean noCopy,
    Map<String, String> volumeLabels,
    long tmpfsSizeBytes,
    int tmpfsMode) {

  /** The mount types Berth supports. */
  public static final Set<String> TYPES = Set.of("bind", "volume", "tmpfs");

  public Mount {
    type = type == null ? "" : type;
    source = source == null ? "" : source;
    target = target == null ? "" : target;
    volumeLabels = volumeLabels == null ? Map.of() : Map.copyOf(volumeLabels);
    if (tmpfsSizeBytes < 0) {
      throw new IllegalArgumentException("tmpfsSizeBytes must not be negative");
    }
  }
}
