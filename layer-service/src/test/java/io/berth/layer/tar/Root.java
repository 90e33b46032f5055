package io.berth.layer.tar;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Tests that create device nodes, set trusted.* xattrs or chown need root; they skip otherwise. */
final class Root {

  private Root() {}

  static boolean isRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  static void assumeRoot() {
    assumeTrue(
        isRoot(),
        "skipped: needs root (mknod, lchown and trusted.* xattrs need CAP_MKNOD, CAP_CHOWN and"
            + " CAP_SYS_ADMIN); run the build as root to exercise the real kernel calls");
  }
}
