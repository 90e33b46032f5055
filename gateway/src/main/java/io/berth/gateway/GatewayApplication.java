package io.berth.gateway;

import io.micronaut.runtime.Micronaut;

/** The gateway: the Docker Engine API and Berth's own API, in front of Kafka. */
public final class GatewayApplication {

  private GatewayApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(GatewayApplication.class).start();
  }
}
