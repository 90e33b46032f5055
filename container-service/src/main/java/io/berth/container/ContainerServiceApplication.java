package io.berth.container;

import io.micronaut.runtime.Micronaut;

/** The container-service: containers, their state machine and the Linux runtime of one host. */
public final class ContainerServiceApplication {

  private ContainerServiceApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(ContainerServiceApplication.class).start();
  }
}
