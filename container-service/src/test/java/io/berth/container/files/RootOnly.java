package io.berth.container.files;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Skips a test that changes file owners unless it runs as root (only root may chown). */
final class RootOnly {

  private RootOnly() {}

  static void assumeRoot() throws IOException {
    int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    assumeTrue(uid == 0, () -> "chown to another user needs root; running as uid " + uid);
  }
}
