package io.berth.container.linux;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link ContainerLauncher} needs to start a container's first process, or an exec'd
 * process in a running container.
 *
 * @param argv the command and its arguments; a program without a slash is looked up in the {@code
 *     PATH} of {@code env} inside the container's root, as Docker does
 * @param env the whole environment, {@code NAME=value}
 * @param workingDir the working directory inside the container (created when missing for a first
 *     process)
 * @param user the user as {@code docker run -u} takes it: {@code uid[:gid]} or names from the
 *     image's {@code /etc/passwd} and {@code /etc/group}; null or empty for root
 * @param tty whether the process gets a pseudo-terminal as stdin, stdout and stderr
 * @param openStdin whether stdin is a pipe the caller writes to (else /dev/null)
 * @param cgroupTaskFiles cgroup v1 {@code tasks} files the starting thread joins so the process is
 *     born in its cgroup and its cgroup namespace is rooted there; empty on v2
 * @param cgroupProcsFiles cgroup v2 {@code cgroup.procs} files the first process is written to
 *     while it waits at its gate, before it executes anything (v2 moves whole processes only, so
 *     the JVM's thread cannot join); empty on v1
 */
public record LaunchSpec(
    List<String> argv,
    List<String> env,
    String workingDir,
    String user,
    boolean tty,
    boolean openStdin,
    List<Path> cgroupTaskFiles,
    List<Path> cgroupProcsFiles) {

  public LaunchSpec {
    argv = List.copyOf(argv);
    env = List.copyOf(env);
    cgroupTaskFiles = cgroupTaskFiles == null ? List.of() : List.copyOf(cgroupTaskFiles);
    cgroupProcsFiles = cgroupProcsFiles == null ? List.of() : List.copyOf(cgroupProcsFiles);
    if (argv.isEmpty() || argv.get(0).isEmpty()) {
      throw new IllegalArgumentException("no command specified");
    }
    workingDir = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
    Objects.requireNonNull(env, "env");
  }

  /** A spec without cgroup files (the runtime adds them). */
  public LaunchSpec(
      List<String> argv,
      List<String> env,
      String workingDir,
      String user,
      boolean tty,
      boolean openStdin,
      List<Path> cgroupTaskFiles) {
    this(argv, env, workingDir, user, tty, openStdin, cgroupTaskFiles, List.of());
  }

  /** The value of {@code name} in {@link #env}, or null. */
  public String envValue(String name) {
    String prefix = name + "=";
    String value = null;
    for (String entry : env) {
      if (entry.startsWith(prefix)) {
        value = entry.substring(prefix.length());
      }
    }
    return value;
  }
}
