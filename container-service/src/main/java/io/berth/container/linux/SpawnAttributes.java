package io.berth.container.linux;

import static io.berth.container.linux.LinuxConstants.POSIX_SPAWN_SETSID;
import static io.berth.container.linux.LinuxConstants.POSIX_SPAWN_SETSIGDEF;
import static io.berth.container.linux.LinuxConstants.POSIX_SPAWN_SETSIGMASK;

import jnr.ffi.Pointer;

/**
 * A {@code posix_spawnattr_t} (posix_spawnattr_init(3)) set up for a container's first process: a
 * session of its own, no blocked signals, and every signal's disposition back to the default, so
 * nothing the JVM blocked or ignored reaches the container.
 */
final class SpawnAttributes implements AutoCloseable {

  /** glibc's type is 336 bytes on LP64. */
  private static final int SIZE = 512;

  /** A glibc {@code sigset_t}: 1024 bits. */
  private static final int SIGSET_SIZE = 128;

  private final Pointer attributes = Linux.allocate(SIZE);

  SpawnAttributes() {
    Linux.checkReturned(
        Linux.libc().posix_spawnattr_init(attributes), "posix_spawnattr_init", () -> "");
  }

  /** setsid(2) in the child, an empty signal mask, and default dispositions for all signals. */
  static SpawnAttributes forContainerInit() {
    SpawnAttributes attributes = new SpawnAttributes();
    try {
      Pointer none = Linux.allocate(SIGSET_SIZE);
      Linux.libc().sigemptyset(none);
      Pointer all = Linux.allocate(SIGSET_SIZE);
      Linux.libc().sigfillset(all);
      attributes.set(
          Linux.libc().posix_spawnattr_setsigmask(attributes.attributes, none),
          "posix_spawnattr_setsigmask");
      attributes.set(
          Linux.libc().posix_spawnattr_setsigdefault(attributes.attributes, all),
          "posix_spawnattr_setsigdefault");
      short flags = POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
      attributes.set(
          Linux.libc().posix_spawnattr_setflags(attributes.attributes, flags),
          "posix_spawnattr_setflags");
      return attributes;
    } catch (RuntimeException e) {
      attributes.close();
      throw e;
    }
  }

  Pointer pointer() {
    return attributes;
  }

  private void set(int error, String call) {
    Linux.checkReturned(error, call, () -> "attr");
  }

  @Override
  public void close() {
    Linux.checkReturned(
        Linux.libc().posix_spawnattr_destroy(attributes), "posix_spawnattr_destroy", () -> "");
  }
}
