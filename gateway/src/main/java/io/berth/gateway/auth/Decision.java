package io.berth.gateway.auth;

import java.util.Objects;

/**
 * The gate's answer to one request: who sent it and, if it is refused, the status and Docker error
 * message to answer with.
 *
 * @param principal the verified principal; {@code anonymous} without credentials, {@code
 *     unauthenticated} with credentials that are not valid
 * @param status 0 if the request may pass, else 401 or 403
 * @param message the reason of a refusal, null if it may pass
 */
public record Decision(String principal, int status, String message) {

  /** The principal of a request whose credentials are not valid. */
  public static final String UNAUTHENTICATED = "unauthenticated";

  public Decision {
    Objects.requireNonNull(principal, "principal");
    if (status != 0 && status != 401 && status != 403) {
      throw new IllegalArgumentException("a refusal is 401 or 403, was " + status);
    }
    if ((status == 0) != (message == null)) {
      throw new IllegalArgumentException("a refusal, and only a refusal, has a message");
    }
  }

  static Decision allow(String principal) {
    return new Decision(principal, 0, null);
  }

  static Decision unauthorized(String principal, String message) {
    return new Decision(principal, 401, "authentication required: " + message);
  }

  static Decision forbidden(String principal, String message) {
    return new Decision(principal, 403, "permission denied: " + message);
  }

  /** Whether the request may pass. */
  public boolean allowed() {
    return status == 0;
  }
}
