package io.berth.events.container;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.util.List;

/**
 * Asks to turn a container's file system changes and config into a new image ({@code docker
 * commit}); the container-service has the layer-service make the diff and the image-service write
 * the image.
 *
 * @param containerId the container's full id
 * @param repo the repository to tag the new image in, or null for an untagged image
 * @param tag the tag, or null for {@code latest} when a repository is given
 * @param comment the commit message, or null
 * @param author the author, or null
 * @param pause whether the container is paused while its changes are read ({@code true} in Docker)
 * @param changes Dockerfile instructions applied to the config, like {@code CMD ["sh"]}
 */
public record ContainerCommitRequested(
    String containerId,
    String repo,
    String tag,
    String comment,
    String author,
    boolean pause,
    List<String> changes)
    implements Command {
  public ContainerCommitRequested {
    ContainerIds.requireId(containerId);
    Checks.optionalText(repo, "repo");
    Checks.optionalText(tag, "tag");
    if (tag != null && repo == null) {
      throw new IllegalArgumentException("a tag needs a repo");
    }
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
