package io.berth.events;

/**
 * The few error categories every failure outcome carries; only the gateway maps them to HTTP
 * statuses.
 */
public enum ErrorCode {
  NOT_FOUND,
  ALREADY_EXISTS,
  FAILED_PRECONDITION,
  INVALID_ARGUMENT,
  UNAVAILABLE,
  INTERNAL
}
