package io.berth.layer.snapshot;

import java.nio.file.Path;
import java.util.List;

/**
 * A writable snapshot, ready to mount: {@code mount -t overlay -o lowerdir=<lowerDirs joined by
 * :>,upperdir=<upperDir>,workdir=<workDir>}.
 *
 * @param key its name
 * @param parentChainId the chain it sits on, or null
 * @param lowerDirs the lower directories, top first
 * @param upperDir the writable directory
 * @param workDir overlayfs's work directory
 */
public record Prepared(
    String key, String parentChainId, List<Path> lowerDirs, Path upperDir, Path workDir) {
  public Prepared {
    lowerDirs = List.copyOf(lowerDirs);
  }
}
