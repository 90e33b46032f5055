package io.berth.messaging;

import io.berth.events.ErrorCode;

/**
 * Implemented by each service's exception root: an error with one of the shared categories, which
 * the command's handler turns into a {@code CommandFailed} outcome.
 */
public interface CodedError {

  /** The category. */
  ErrorCode code();

  /** A sentence a person can act on. */
  String getMessage();
}
