package io.berth.container.cgroup;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The skip conditions every kernel test shares: Linux, and root to create cgroups. */
final class Kernel {

  private Kernel() {}

  /** Skips the test class, saying why, unless this is Linux and the effective user is root. */
  static void assumeLinuxAsRoot() {
    String os = System.getProperty("os.name");
    assumeTrue(os.equals("Linux"), () -> "cgroups need Linux; this is " + os);
    long uid = effectiveUid();
    assumeTrue(uid == 0, () -> "creating cgroups needs root; running as uid " + uid);
  }

  /** The effective uid, the second field of {@code Uid:} in {@code /proc/self/status}. */
  private static long effectiveUid() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Uid:"))
          .map(line -> Long.parseLong(line.split("\\s+")[2]))
          .findFirst()
          .orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/self/status", e);
    }
  }
}
