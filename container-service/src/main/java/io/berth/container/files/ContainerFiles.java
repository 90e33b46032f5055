package io.berth.container.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The file side of {@code docker cp} for one container: stat a path, archive it, extract an archive
 * into a directory, all inside the container's root directory on the host (its merged overlay
 * directory, or {@code /proc/<pid>/root} while it runs). Paths are resolved as moby's {@code
 * container.ResolvePath} does: symbolic links in every component are followed in the container's
 * scope, never out of it (<a
 * href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerArchive">Engine
 * API: archive</a>).
 */
public final class ContainerFiles {

  private final String containerId;

  /**
   * @param containerId the container as the client named it, used in Docker's error messages
   */
  public ContainerFiles(String containerId) {
    this.containerId = Objects.requireNonNull(containerId, "containerId");
  }

  /**
   * {@code HEAD /containers/{id}/archive}: the stat of a path, whose final link is not followed
   * unless the path ends in {@code /} or {@code /.}.
   *
   * @param root the container's root directory on the host
   * @param containerPath the path inside the container, absolute or relative to its root
   * @return name, size, Go file mode, mtime and, for a link, where it leads in the container
   * @throws ContainerFilesException NOT_FOUND with Docker's wording if there is nothing there
   */
  public PathStat stat(Path root, String containerPath) {
    ContainerPath path = ContainerPath.parse(containerPath);
    Path host = locate(root, path);
    HostFile file = lstat(host).orElseThrow(() -> notFound(containerPath));
    String linkTarget = "";
    if (file.isSymlink()) {
      linkTarget = SymlinkScope.containerPath(root, SymlinkScope.resolve(root, path.clean()));
    }
    return new PathStat(
        path.trailingDot() ? "." : path.base(),
        file.size(),
        GoFileMode.fromUnix(file.mode()),
        file.mtime().toInstant(),
        linkTarget);
  }

  /**
   * {@code GET /containers/{id}/archive}: a tar of a file or a directory tree, entries named
   * relative to the path's parent ({@code /etc/hostname} gives {@code hostname}, {@code /etc} gives
   * {@code etc/}, {@code etc/hostname}, ...; {@code /etc/.} gives {@code ./}, {@code ./hostname}).
   * Links inside are stored, not followed. The stream is flushed, not closed.
   *
   * @param root the container's root directory on the host
   * @param containerPath the path inside the container
   * @param out where the tar goes
   * @throws ContainerFilesException NOT_FOUND if there is nothing there
   * @throws IOException if reading a file or writing {@code out} fails
   */
  public void writeArchive(Path root, String containerPath, OutputStream out) throws IOException {
    ContainerPath path = ContainerPath.parse(containerPath);
    Path host = locate(root, path);
    if (lstat(host).isEmpty()) {
      throw notFound(containerPath);
    }
    String name = path.trailingDot() || path.clean().equals("/") ? "." : path.base();
    new ArchiveWriter(out).write(host, name);
  }

  /**
   * {@code PUT /containers/{id}/archive}: extracts a tar into an existing directory. A link as the
   * destination's last component is followed (in scope), so a link to a directory is a valid
   * destination, as in Docker.
   *
   * @param root the container's root directory on the host
   * @param containerPath the destination directory inside the container
   * @param tar the archive, uncompressed
   * @param noOverwriteDirNonDir refuse to replace a directory with a non-directory or the reverse
   * @param copyUidGid keep the owners in the archive ({@code docker cp -a}); otherwise every file
   *     belongs to the container's root user, 0:0, as {@code docker cp} does by default
   * @throws ContainerFilesException NOT_FOUND if the destination does not exist, INVALID_ARGUMENT
   *     if it is not a directory or an entry would leave it or is a device, FAILED_PRECONDITION
   *     when {@code noOverwriteDirNonDir} forbids a replacement
   * @throws IOException if reading the archive or writing a file fails
   */
  public void extractArchive(
      Path root,
      String containerPath,
      InputStream tar,
      boolean noOverwriteDirNonDir,
      boolean copyUidGid)
      throws IOException {
    ContainerPath path = ContainerPath.parse(containerPath);
    Path destination = SymlinkScope.resolve(root, path.clean());
    HostFile file = lstat(destination).orElseThrow(() -> notFound(containerPath));
    if (!file.isDirectory()) {
      throw ContainerFilesException.notADirectory();
    }
    new ArchiveExtractor(
            root, SymlinkScope.containerPath(root, destination), noOverwriteDirNonDir, copyUidGid)
        .extract(tar);
  }

  /**
   * The host path of a container path, its last link followed only if asked by a trailing slash.
   */
  private static Path locate(Path root, ContainerPath path) {
    return path.followFinal()
        ? SymlinkScope.resolve(root, path.clean())
        : SymlinkScope.resolveParent(root, path);
  }

  private static java.util.Optional<HostFile> lstat(Path host) {
    try {
      return HostFile.lstat(host);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + host, e);
    }
  }

  private ContainerFilesException notFound(String containerPath) {
    return ContainerFilesException.notFound(containerPath, containerId);
  }
}
