package io.berth.gateway.audit;

import io.micronaut.http.HttpRequest;

/**
 * Tells who sent a request. The default answers {@link Caller#ANONYMOUS}; an authentication filter
 * replaces it with the principal it verified.
 */
public interface RequestIdentity {

  /** The caller of {@code request}. */
  Caller callerOf(HttpRequest<?> request);
}
