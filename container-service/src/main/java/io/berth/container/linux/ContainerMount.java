package io.berth.container.linux;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A mount the user asked for, made in the container's mount namespace after pivot_root(2): a bind
 * of a host directory or file (a bind mount or a volume's data directory), or a tmpfs.
 *
 * @param source the host path to bind, or null for a tmpfs
 * @param destination the absolute path inside the container; symlinks on the way resolve inside the
 *     container's root, so the mount cannot land outside it
 * @param readOnly whether the container sees it read-only (a bind is remounted with {@code
 *     MS_RDONLY})
 * @param tmpfsFlags for a tmpfs: the {@code MS_*} flags
 * @param tmpfsData for a tmpfs: its options ({@code size=64m,mode=1777}), or empty
 * @param copyUp for a volume that is still empty: seed it with the image's content at {@code
 *     destination}, as Docker does on a volume's first use
 */
public record ContainerMount(
    Path source,
    String destination,
    boolean readOnly,
    long tmpfsFlags,
    String tmpfsData,
    boolean copyUp) {

  public ContainerMount {
    Objects.requireNonNull(destination, "destination");
    if (!destination.startsWith("/")) {
      throw new IllegalArgumentException("a mount destination must be absolute: " + destination);
    }
    tmpfsData = tmpfsData == null ? "" : tmpfsData;
  }

  /** A bind of a host path. */
  public static ContainerMount bind(
      Path source, String destination, boolean readOnly, boolean copyUp) {
    return new ContainerMount(
        Objects.requireNonNull(source, "source"), destination, readOnly, 0, "", copyUp);
  }

  /** A tmpfs. */
  public static ContainerMount tmpfs(String destination, long flags, String data) {
    return new ContainerMount(
        null, destination, (flags & LinuxConstants.MS_RDONLY) != 0, flags, data, false);
  }

  /** Whether it is a tmpfs rather than a bind. */
  public boolean isTmpfs() {
    return source == null;
  }

  /** How deep the destination lies: a mount is made after those at its parents. */
  int depth() {
    return Path.of(destination).getNameCount();
  }
}
