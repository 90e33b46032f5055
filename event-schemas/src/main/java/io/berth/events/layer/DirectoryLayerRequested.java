package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.util.List;

/**
 * Asks the layer-service for the layer of a build's {@code WORKDIR}: the directory {@code path}
 * made, with its missing parents, as root with mode 0755 inside the parent image (links followed
 * inside it), as Docker's classic builder makes it in a container it then commits. When the
 * directory is there already the layer is empty, as Docker's is. The outcome is {@link
 * ContextCopied}.
 *
 * @param key names this layer: {@code build-<buildId>-<n>}
 * @param path the directory, absolute
 * @param parentChainId the chain id of the image the layer goes on, or null on {@code scratch}
 * @param parentDiffIds the parent's diff ids, bottom first
 */
public record DirectoryLayerRequested(
    String key, String path, String parentChainId, List<String> parentDiffIds) implements Command {
  public DirectoryLayerRequested {
    Checks.requireText(key, "key");
    Checks.requireText(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must be absolute: " + path);
    }
    Checks.optionalDigest(parentChainId, "parentChainId");
    parentDiffIds = parentDiffIds == null ? List.of() : List.copyOf(parentDiffIds);
  }

  @Override
  public String subject() {
    return key;
  }
}
