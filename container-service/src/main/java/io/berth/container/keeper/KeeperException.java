package io.berth.container.keeper;

import io.berth.container.ContainerException;
import io.berth.events.ErrorCode;

/** The supervisor's fd keeper could not be reached, or refused a request ({@code ERR ...}). */
public final class KeeperException extends ContainerException {

  /** A failure described for a person. */
  public KeeperException(String message) {
    super(ErrorCode.UNAVAILABLE, message);
  }

  /** A failure with its cause. */
  public KeeperException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message + ": " + cause.getMessage());
    initCause(cause);
  }
}
