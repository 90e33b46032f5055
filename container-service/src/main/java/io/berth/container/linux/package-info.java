/**
 * The Linux runtime's native layer: one JNR-FFI binding to libc ({@link
 * io.berth.container.linux.LibC}), typed calls that turn errno into {@link
 * io.berth.container.linux.LinuxException} ({@link io.berth.container.linux.Linux}), and {@link
 * io.berth.container.linux.NamespacedSpawner}, which starts a process as pid 1 of new namespaces
 * from a JVM thread.
 */
package io.berth.container.linux;
