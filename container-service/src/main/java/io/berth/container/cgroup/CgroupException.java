package io.berth.container.cgroup;

import io.berth.container.ContainerException;
import io.berth.events.ErrorCode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A cgroup operation that failed, naming the cgroup file and the value involved; a {@link
 * ContainerException}, so the container-service reports it with its error category unchanged.
 */
public final class CgroupException extends ContainerException {

  private final transient Path file;

  /**
   * A failure not tied to one file.
   *
   * @param code the error category
   * @param message a sentence a person can act on
   */
  public CgroupException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  /**
   * A failure reading or writing one cgroup file.
   *
   * @param code the error category
   * @param message a sentence naming the file and value
   * @param file the file, or {@code null}
   * @param cause the underlying error, or {@code null}
   */
  public CgroupException(ErrorCode code, String message, Path file, Throwable cause) {
    super(code, message);
    this.file = file;
    if (cause != null) {
      initCause(cause);
    }
  }

  /** The cgroup file (or directory) that failed, when there is one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  static CgroupException invalid(String message) {
    return new CgroupException(ErrorCode.INVALID_ARGUMENT, message);
  }
}
