package io.berth.container.linux;

/**
 * A process {@link ContainerLauncher} started, with the caller's ends of its standard streams;
 * every fd is the caller's to close.
 *
 * @param pid its pid as the host sees it
 * @param pidfd a pidfd naming it
 * @param stdin the write end of its stdin pipe, or -1 (no open stdin, or a terminal)
 * @param stdout the read end of its stdout pipe, or -1 with a terminal
 * @param stderr the read end of its stderr pipe, or -1 with a terminal
 * @param terminal the terminal's master side (read its output, write its input), or -1
 * @param timings how long each phase took, in nanoseconds: isolated (namespaces, mounts, root),
 *     spawned (from isolated to the process running)
 */
public record Launched(
    int pid,
    int pidfd,
    int stdin,
    int stdout,
    int stderr,
    int terminal,
    long isolatedNanos,
    long spawnedNanos) {}
