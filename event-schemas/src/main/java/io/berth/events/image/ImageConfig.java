package io.berth.events.image;

import java.util.List;
import java.util.Map;

/**
 * The runtime part of an image config, as the OCI image spec's {@code config} object says it.
 *
 * @param env {@code NAME=value} entries
 * @param cmd the default command
 * @param entrypoint the entrypoint
 * @param workingDir the working directory
 * @param user the user
 * @param exposedPorts ports like {@code 80/tcp}
 * @param volumes volume paths
 * @param labels labels
 * @param stopSignal the stop signal, or null for SIGTERM
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md">OCI image
 *     config</a>
 */
public record ImageConfig(
    List<String> env,
    List<String> cmd,
    List<String> entrypoint,
    String workingDir,
    String user,
    List<String> exposedPorts,
    List<String> volumes,
    Map<String, String> labels,
    String stopSignal) {

  public ImageConfig {
    env = env == null ? List.of() : List.copyOf(env);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** An empty config, as {@code docker import} of a bare root filesystem gives. */
  public static ImageConfig empty() {
    return new ImageConfig(null, null, null, null, null, null, null, null, null);
  }
}
