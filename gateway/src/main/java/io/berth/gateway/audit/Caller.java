package io.berth.gateway.audit;

import java.util.Objects;

/**
 * Who sent a request: the principal, the client's address and its user agent.
 *
 * @param principal the authenticated principal or client identity, {@code anonymous} when none
 * @param remoteAddress the client's IP address
 * @param userAgent the client's {@code User-Agent}, or null
 */
public record Caller(String principal, String remoteAddress, String userAgent) {

  /** The principal of a request that carried no credentials. */
  public static final String ANONYMOUS = "anonymous";

  public Caller {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }
}
