package io.berth.image.archive;

import io.berth.events.image.ImageRef;

/**
 * Fully qualified image names ({@code docker.io/library/busybox:latest}), as containerd's {@code
 * io.containerd.image.name} annotation spells them.
 *
 * @see <a href="https://github.com/distribution/reference/blob/v0.5.0/normalize.go">distribution
 *     reference normalize.go</a>
 */
final class ReferenceNames {

  private ReferenceNames() {}

  static String fullName(ImageRef ref) {
    String repository = ref.repository();
    int slash = repository.indexOf('/');
    String first = slash < 0 ? "" : repository.substring(0, slash);
    boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
    String name;
    if (hasRegistry) {
      name = repository;
    } else if (slash < 0) {
      name = "docker.io/library/" + repository;
    } else {
      name = "docker.io/" + repository;
    }
    return name + ":" + ref.tag();
  }
}
