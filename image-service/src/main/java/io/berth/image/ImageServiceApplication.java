package io.berth.image;

import io.micronaut.runtime.Micronaut;

/** The image-service: image records, builds, commit, import, load and save. */
public final class ImageServiceApplication {

  private ImageServiceApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(ImageServiceApplication.class).start();
  }
}
