package io.berth.gateway.audit;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;

/** Until the gateway authenticates requests, every caller is anonymous, known by its address. */
@Singleton
public class AnonymousIdentity implements RequestIdentity {

  @Override
  public Caller callerOf(HttpRequest<?> request) {
    InetSocketAddress remote = request.getRemoteAddress();
    String address =
        remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    return new Caller(Caller.ANONYMOUS, address, request.getHeaders().get(HttpHeaders.USER_AGENT));
  }
}
