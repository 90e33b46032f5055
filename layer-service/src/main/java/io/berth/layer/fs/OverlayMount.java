package io.berth.layer.fs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An overlayfs mount, unmounted on {@link #close()}; see the kernel's {@code
 * Documentation/filesystems/overlayfs.rst}.
 */
public final class OverlayMount implements AutoCloseable {

  /**
   * The most bytes of mount options the kernel accepts in one {@code mount(2)} call (one page); a
   * chain of lower directories longer than this must be flattened first.
   */
  public static final int MAX_OPTIONS_LENGTH = 4095;

  private static final int MNT_DETACH = 2;

  private final Path target;
  private boolean mounted = true;

  private OverlayMount(Path target) {
    this.target = target;
  }

  /**
   * Mounts an overlay of {@code lowerDirsTopFirst} at {@code target}, writable if {@code upper} and
   * {@code work} are given.
   *
   * @param lowerDirsTopFirst lower directories, the topmost first (overlay's {@code lowerdir}
   *     order)
   * @param upper upper directory, or null for a read-only overlay (then at least two lowers)
   * @param work work directory on the same file system as {@code upper}, or null with it
   * @param target the mount point
   * @return the mount, to close when done
   * @throws PosixException if {@code mount(2)} fails
   * @throws IllegalArgumentException if the options are longer than {@link #MAX_OPTIONS_LENGTH}
   */
  public static OverlayMount mount(List<Path> lowerDirsTopFirst, Path upper, Path work, Path target)
      throws PosixException {
    Objects.requireNonNull(target, "target");
    if (lowerDirsTopFirst.isEmpty()) {
      throw new IllegalArgumentException("an overlay needs at least one lower directory");
    }
    if ((upper == null) != (work == null)) {
      throw new IllegalArgumentException("upper and work directories go together");
    }
    String options = options(lowerDirsTopFirst, upper, work);
    int length = options.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (length > MAX_OPTIONS_LENGTH) {
      throw new IllegalArgumentException(
          "overlay options are "
              + length
              + " bytes, more than the kernel's "
              + MAX_OPTIONS_LENGTH
              + ": flatten the bottom of the chain of "
              + lowerDirsTopFirst.size()
              + " lower directories");
    }
    FileSystemOps.mount("overlay", target, "overlay", 0, options);
    return new OverlayMount(target);
  }

  static String options(List<Path> lowers, Path upper, Path work) {
    String lowerdir =
        lowers.stream().map(p -> escape(p.toAbsolutePath())).collect(Collectors.joining(":"));
    StringBuilder options = new StringBuilder("lowerdir=").append(lowerdir);
    if (upper != null) {
      options.append(",upperdir=").append(escape(upper.toAbsolutePath()));
      options.append(",workdir=").append(escape(work.toAbsolutePath()));
    }
    return options.toString();
  }

  /** Overlay splits options at commas and lower directories at colons; a backslash escapes. */
  private static String escape(Path path) {
    return path.toString().replace("\\", "\\\\").replace(":", "\\:").replace(",", "\\,");
  }

  /** The mount point. */
  public Path target() {
    return target;
  }

  /** Unmounts (lazily, {@code MNT_DETACH}, so a busy mount does not fail the close). */
  @Override
  public void close() throws PosixException {
    if (mounted) {
      mounted = false;
      FileSystemOps.umount2(target, MNT_DETACH);
    }
  }
}
