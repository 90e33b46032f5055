package io.berth.container.files;

import io.berth.container.ContainerException;
import io.berth.events.ErrorCode;

/** A failed {@code docker cp} step, worded as Docker words it. */
public class ContainerFilesException extends ContainerException {

  /**
   * @param code the error category the gateway maps to an HTTP status
   * @param message the sentence shown to the Docker client
   */
  public ContainerFilesException(ErrorCode code, String message) {
    super(code, message);
  }

  /** Docker's 404 for a path that does not exist in the container. */
  static ContainerFilesException notFound(String containerPath, String containerId) {
    return new ContainerFilesException(
        ErrorCode.NOT_FOUND,
        "Could not find the file " + containerPath + " in container " + containerId);
  }

  /** Docker's 400 when the destination of an upload is not a directory. */
  static ContainerFilesException notADirectory() {
    return new ContainerFilesException(
        ErrorCode.INVALID_ARGUMENT, "extraction point is not a directory");
  }

  /** An archive entry that would land outside the extraction directory (moby's breakoutError). */
  static ContainerFilesException breakout(String detail) {
    return new ContainerFilesException(ErrorCode.INVALID_ARGUMENT, detail);
  }
}
