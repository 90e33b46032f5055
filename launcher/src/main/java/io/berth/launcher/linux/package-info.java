/**
 * The supervisor's native boundary: one JNR-FFI binding ({@link io.berth.launcher.linux.LibC}) and
 * its typed, errno-checking front ({@link io.berth.launcher.linux.Linux}).
 */
package io.berth.launcher.linux;
