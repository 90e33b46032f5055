package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.util.List;

/**
 * Asks to make a one-layer image from a root file system tar ({@code docker import}); the gateway
 * stored the tar in the content store beforehand.
 *
 * @param archiveDigest the {@code sha256:} digest of the tar in the content store
 * @param source where the tar came from: {@code -} for the request body, or a URL
 * @param repo the repository to tag the image in, or null
 * @param tag the tag, or null for {@code latest} when a repository is given
 * @param message the history comment, or null
 * @param changes Dockerfile instructions applied to the empty config, like {@code CMD ["sh"]}
 */
public record ImageImportRequested(
    String archiveDigest,
    String source,
    String repo,
    String tag,
    String message,
    List<String> changes)
    implements Command {
  public ImageImportRequested {
    Checks.requireDigest(archiveDigest, "archiveDigest");
    source = source == null ? "-" : Checks.requireText(source, "source");
    Checks.optionalText(repo, "repo");
    Checks.optionalText(tag, "tag");
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  @Override
  public String subject() {
    return archiveDigest;
  }
}
