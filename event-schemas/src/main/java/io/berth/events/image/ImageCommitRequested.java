package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.util.List;
import java.util.Objects;

/**
 * Asks the image-service to write an image from a container's new layer and config; sent by the
 * container-service while it handles a container commit.
 *
 * @param containerId the id of the committed container
 * @param parentImageId the id of the image the container was created from
 * @param config the container's config, as the new image's runtime config
 * @param layerDigest the {@code sha256:} digest of the new layer's blob
 * @param diffId the new layer's diff id
 * @param layerSize the new layer's size in bytes
 * @param repo the repository to tag the image in, or null
 * @param tag the tag, or null for {@code latest} when a repository is given
 * @param comment the history comment, or null
 * @param author the author, or null
 * @param changes Dockerfile instructions applied to the config, like {@code CMD ["sh"]}
 */
public record ImageCommitRequested(
    String containerId,
    String parentImageId,
    ImageConfig config,
    String layerDigest,
    String diffId,
    long layerSize,
    String repo,
    String tag,
    String comment,
    String author,
    List<String> changes)
    implements Command {
  public ImageCommitRequested {
    Checks.requireText(containerId, "containerId");
    Checks.requireDigest(parentImageId, "parentImageId");
    Objects.requireNonNull(config, "config");
    Checks.requireDigest(layerDigest, "layerDigest");
    Checks.requireDigest(diffId, "diffId");
    Checks.requireNotNegative(layerSize, "layerSize");
    Checks.optionalText(repo, "repo");
    Checks.optionalText(tag, "tag");
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  @Override
  public String subject() {
    return containerId;
  }
}
