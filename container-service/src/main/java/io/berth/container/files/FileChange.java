package io.berth.container.files;

import java.util.Objects;

/**
 * One entry of {@code docker diff}: a path in the container and what happened to it there, relative
 * to its image.
 *
 * @param path the absolute path in the container
 * @param kind what happened to it
 * @see <a
 *     href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerChanges">Engine
 *     API: container changes</a>
 */
public record FileChange(String path, Kind kind) {

  /** Docker's change kinds, with the numbers the Engine API gives them. */
  public enum Kind {
    /** The path was there in the image and is different now ({@code C}). */
    MODIFIED(0),
    /** The path is new ({@code A}). */
    ADDED(1),
    /** The path was there in the image and is gone ({@code D}). */
    DELETED(2);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /** The number the Engine API uses: 0 modified, 1 added, 2 deleted. */
    public int code() {
      return code;
    }
  }

  public FileChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("not an absolute path: " + path);
    }
  }
}
