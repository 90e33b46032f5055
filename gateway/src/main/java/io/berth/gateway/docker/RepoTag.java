package io.berth.gateway.docker;

import io.berth.events.image.ImageRef;
import io.micronaut.core.annotation.Nullable;
import java.util.regex.Pattern;

/**
 * The reference a {@code repo} and a {@code tag} parameter name together ({@code docker tag},
 * {@code docker import}), read as moby's {@code httputils.RepoTagReference}: the {@code tag}
 * parameter wins over a tag inside {@code repo}, and a missing tag is {@code latest}.
 *
 * @param repository the normalised repository, like {@code busybox} or {@code registry:5000/app}
 * @param tag the tag
 */
record RepoTag(String repository, String tag) {

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /**
   * Reads the parameters.
   *
   * @throws DockerApiException 400 worded as Docker words it
   */
  static RepoTag parse(String repo, @Nullable String tag) {
    if (repo == null || repo.isBlank()) {
      throw DockerApiException.badRequest("invalid reference format: repository name is empty");
    }
    ImageRef ref;
    try {
      ref = ImageRef.parse(repo);
    } catch (IllegalArgumentException e) {
      throw DockerApiException.badRequest(e.getMessage());
    }
    if (ref.digest() != null) {
      throw DockerApiException.badRequest("cannot import digest reference");
    }
    if (tag != null && !tag.isEmpty()) {
      if (!TAG.matcher(tag).matches()) {
        throw DockerApiException.badRequest("invalid tag format");
      }
      return new RepoTag(ref.repository(), tag);
    }
    return new RepoTag(ref.repository(), ref.tag());
  }

  /** {@code repository:tag}. */
  @Override
  public String toString() {
    return repository + ":" + tag;
  }
}
