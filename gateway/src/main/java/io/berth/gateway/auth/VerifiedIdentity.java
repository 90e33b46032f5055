package io.berth.gateway.auth;

import io.berth.gateway.audit.AnonymousIdentity;
import io.berth.gateway.audit.Caller;
import io.berth.gateway.audit.RequestIdentity;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;

/**
 * The caller of a request as the {@link Gate} verified it: the token's principal, or {@code
 * anonymous} for a loopback request without one. Every request that reaches a route has passed the
 * gate; asking it again here (one SHA-256) keeps no per-connection state.
 */
@Singleton
@Replaces(AnonymousIdentity.class)
final class VerifiedIdentity implements RequestIdentity {

  private final Gate gate;

  VerifiedIdentity(Gate gate) {
    this.gate = gate;
  }

  @Override
  public Caller callerOf(HttpRequest<?> request) {
    InetSocketAddress remote = request.getRemoteAddress();
    String address =
        remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    Decision decision =
        gate.decide(
            remote.getAddress(),
            request.getHeaders().get(HttpHeaders.AUTHORIZATION),
            request.getMethodName(),
            request.getPath());
    return new Caller(
        decision.principal(), address, request.getHeaders().get(HttpHeaders.USER_AGENT));
  }
}
