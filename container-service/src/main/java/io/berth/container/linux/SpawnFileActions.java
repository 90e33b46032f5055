package io.berth.container.linux;

import jnr.ffi.Pointer;

/**
 * A {@code posix_spawn_file_actions_t}: what the child does to its file descriptors before it
 * executes the program (posix_spawn_file_actions_addopen(3)). Each action is checked as it is
 * added, so a bad one fails here, not in the spawn.
 */
final class SpawnFileActions implements AutoCloseable {

  /** glibc's type is 80 bytes on LP64; the margin costs nothing. */
  private static final int SIZE = 128;

  private final Pointer actions = Linux.allocate(SIZE);

  SpawnFileActions() {
    Linux.checkReturned(
        Linux.libc().posix_spawn_file_actions_init(actions),
        "posix_spawn_file_actions_init",
        () -> "");
  }

  /** The child opens {@code path} as descriptor {@code fd}. glibc copies the path. */
  SpawnFileActions open(int fd, String path, int flags, int mode) {
    Linux.checkReturned(
        Linux.libc().posix_spawn_file_actions_addopen(actions, fd, path, flags, mode),
        "posix_spawn_file_actions_addopen",
        () -> fd + ", " + path + ", 0" + Integer.toOctalString(flags));
    return this;
  }

  /** The child makes {@code newFd} a copy of {@code fd}. */
  SpawnFileActions dup2(int fd, int newFd) {
    Linux.checkReturned(
        Linux.libc().posix_spawn_file_actions_adddup2(actions, fd, newFd),
        "posix_spawn_file_actions_adddup2",
        () -> fd + ", " + newFd);
    return this;
  }

  /**
   * The child closes every descriptor from {@code from} up (glibc 2.34+): the JVM opens many files
   * without O_CLOEXEC, and none of them may leak into a container.
   */
  SpawnFileActions closeFrom(int from) {
    Linux.checkReturned(
        Linux.libc().posix_spawn_file_actions_addclosefrom_np(actions, from),
        "posix_spawn_file_actions_addclosefrom_np",
        () -> String.valueOf(from));
    return this;
  }

  /** The child changes its working directory to {@code path} (glibc 2.29+). */
  SpawnFileActions chdir(String path) {
    Linux.checkReturned(
        Linux.libc().posix_spawn_file_actions_addchdir_np(actions, path),
        "posix_spawn_file_actions_addchdir_np",
        () -> path);
    return this;
  }

  Pointer pointer() {
    return actions;
  }

  @Override
  public void close() {
    Linux.checkReturned(
        Linux.libc().posix_spawn_file_actions_destroy(actions),
        "posix_spawn_file_actions_destroy",
        () -> "");
  }
}
