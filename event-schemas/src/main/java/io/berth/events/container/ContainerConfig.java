package io.berth.events.container;

import java.util.List;
import java.util.Map;

/**
 * What runs in a container, as the Docker Engine API's container {@code Config} says it; the
 * image's config fills what the request leaves out.
 *
 * @param cmd the command, or empty for the image's
 * @param entrypoint the entrypoint, or empty for the image's
 * @param env {@code NAME=value} entries
 * @param workingDir the working directory, or null for the image's
 * @param user {@code uid[:gid]} or names, or null for the image's
 * @param hostname the hostname, or null for the short id
 * @param tty whether a pseudo-terminal is allocated
 * @param openStdin whether stdin is kept open
 * @param labels labels
 * @param exposedPorts ports like {@code 80/tcp}
 * @param stopSignal the stop signal, or null for the image's
 * @param volumes paths that get an anonymous volume ({@code -v /data}, the image's {@code VOLUME}s)
 */
public record ContainerConfig(
    List<String> cmd,
    List<String> entrypoint,
    List<String> env,
    String workingDir,
    String user,
    String hostname,
    boolean tty,
    boolean openStdin,
    Map<String, String> labels,
    List<String> exposedPorts,
    String stopSignal,
    List<String> volumes) {

  public ContainerConfig {
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    env = env == null ? List.of() : List.copyOf(env);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
  }

  /** A config without anonymous volumes. */
  public ContainerConfig(
      List<String> cmd,
      List<String> entrypoint,
      List<String> env,
      String workingDir,
      String user,
      String hostname,
      boolean tty,
      boolean openStdin,
      Map<String, String> labels,
      List<String> exposedPorts,
      String stopSignal) {
    this(
        cmd,
        entrypoint,
        env,
        workingDir,
        user,
        hostname,
        tty,
        openStdin,
        labels,
        exposedPorts,
        stopSignal,
        List.of());
  }

  /** A config that only names a command. */
  public static ContainerConfig ofCmd(List<String> cmd) {
    return new ContainerConfig(cmd, null, null, null, null, null, false, false, null, null, null);
  }
}
