package io.berth.container.linux;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A container's root file system and what surrounds it.
 *
 * @param lowerDirs the overlay's read-only layers, top first, as the layer-service gives them
 * @param upperDir the container's writable layer
 * @param workDir overlayfs's work directory beside it
 * @param bundle the container's own directory on the host: the root is mounted at {@code
 *     bundle/rootfs}, and the generated {@code hostname}, {@code hosts} and {@code resolv.conf} are
 *     kept there and bind-mounted read-write into {@code /etc}
 * @param hostname the hostname in its UTS namespace
 * @param hostNetwork whether it shares the host's network namespace ({@code --network host});
 *     otherwise it gets a new one with only loopback
 * @param mounts the user's binds, volumes and tmpfs mounts, made after Docker's own
 * @param joinNetworkPid the process whose network namespace it joins ({@code --network
 *     container:<id>}), or 0
 * @param networkSetup called with the first process's host pid while it waits at its gate, before
 *     it runs anything (to plug interfaces into its network namespace), or null
 */
public record RootSpec(
    List<String> lowerDirs,
    String upperDir,
    String workDir,
    Path bundle,
    String hostname,
    boolean hostNetwork,
    List<ContainerMount> mounts,
    int joinNetworkPid,
    IntConsumer networkSetup) {

  public RootSpec {
    lowerDirs = List.copyOf(lowerDirs);
    Objects.requireNonNull(upperDir, "upperDir");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(hostname, "hostname");
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
  }

  /**
   * A root without mounts of the user's, with the host's network or a new, empty network namespace.
   */
  public RootSpec(
      List<String> lowerDirs,
      String upperDir,
      String workDir,
      Path bundle,
      String hostname,
      boolean hostNetwork) {
    this(lowerDirs, upperDir, workDir, bundle, hostname, hostNetwork, List.of(), 0, null);
  }

  /** Where the root is mounted, in the container's own mount namespace. */
  public Path rootfs() {
    return bundle.resolve("rootfs");
  }
}
