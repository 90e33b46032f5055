package io.berth.events;

/** A message that cannot be read: its envelope is broken, its type unknown or its payload bad. */
public final class DecodingException extends RuntimeException {

  /** Why a message could not be decoded; recorded on the dead-letter topic. */
  public enum Reason {
    BROKEN_ENVELOPE,
    UNKNOWN_TYPE,
    BROKEN_PAYLOAD
  }

  private final Reason reason;

  public DecodingException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** The category of the problem. */
  public Reason reason() {
    return reason;
  }
}
