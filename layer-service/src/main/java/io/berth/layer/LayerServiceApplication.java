package io.berth.layer;

import io.micronaut.runtime.Micronaut;

/** The layer-service: the content store, snapshots, diffs and garbage collection. */
public final class LayerServiceApplication {

  private LayerServiceApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(LayerServiceApplication.class).start();
  }
}
