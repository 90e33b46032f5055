package io.berth.container.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A {@code /bin/sh} script started from the test that waits on its stdin until {@link #go}, so it
 * does its work only after the test has moved it into a cgroup.
 */
final class ShellProcess implements AutoCloseable {

  private final Process process;

  private ShellProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code script} behind a {@code read} in {@code dir}, stdout and stderr going to {@code
   * dir/output}.
   *
   * @param script the shell commands to run after {@link #go}
   * @param dir the working directory
   */
  static ShellProcess start(String script, Path dir) {
    try {
      return new ShellProcess(
          new ProcessBuilder("/bin/sh", "-c", "read go; " + script)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("output").toFile())
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit status, once it has ended. */
  int exitValue() {
    return process.exitValue();
  }

  /** Lets the script past its {@code read} by closing its stdin. */
  void go() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the shell and its children that are still its children, and reaps the shell. */
  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
