package io.berth.messaging.reply;

import java.time.Duration;

/** No outcome arrived for a request within its deadline. */
public final class RequestTimeoutException extends RuntimeException {

  private final String requestType;
  private final Duration timeout;

  public RequestTimeoutException(String requestType, Duration timeout) {
    super("no outcome for " + requestType + " within " + timeout.toMillis() + " ms");
    this.requestType = requestType;
    this.timeout = timeout;
  }

  /** The CloudEvents type of the request. */
  public String requestType() {
    return requestType;
  }

  /** How long the caller waited. */
  public Duration timeout() {
    return timeout;
  }
}
