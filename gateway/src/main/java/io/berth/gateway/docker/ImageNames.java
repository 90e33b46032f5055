package io.berth.gateway.docker;

import io.berth.events.image.ImageRef;
import io.berth.events.query.ImageSummary;
import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Image names as Docker reads and words them: the forms the {@code reference} filter matches, the
 * lookup of a name among listed images ({@code before=}, {@code since=}), and the "No such image"
 * message.
 */
final class ImageNames {

  private static final Pattern FULL_ID = Pattern.compile("(sha256:)?[0-9a-f]{64}");
  private static final Pattern ID_PREFIX = Pattern.compile("(sha256:)?[0-9a-f]+");

  private ImageNames() {}

  /**
   * The names the {@code reference} filter tries a pattern on, as moby's image list does: {@code
   * busybox:latest}, {@code busybox}, {@code docker.io/library/busybox:latest} and {@code
   * docker.io/library/busybox}.
   */
  static List<String> referenceForms(String repoTag) {
    ImageRef ref;
    try {
      ref = ImageRef.parse(repoTag);
    } catch (IllegalArgumentException e) {
      return List.of(repoTag);
    }
    String familiar = ref.repository();
    String full = fullName(familiar);
    String tag = ref.tag() == null ? "" : ":" + ref.tag();
    return List.of(familiar + tag, familiar, full + tag, full);
  }

  /** {@code busybox} as {@code docker.io/library/busybox}; a name with a registry stays. */
  static String fullName(String familiar) {
    int slash = familiar.indexOf('/');
    if (slash > 0) {
      String first = familiar.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return familiar;
      }
      return "docker.io/" + familiar;
    }
    return "docker.io/library/" + familiar;
  }

  /** Docker's answer for a name that names no image: {@code No such image: busybox:latest}. */
  static String noSuchImage(String name) {
    if (FULL_ID.matcher(name).matches()) {
      return "No such image: " + (name.startsWith("sha256:") ? name : "sha256:" + name);
    }
    return "No such image: " + (ImageRef.isValid(name) ? ImageRef.parse(name).toString() : name);
  }

  /** The 404 for a name that names no image. */
  static DockerApiException notFound(String name) {
    return new DockerApiException(HttpStatus.NOT_FOUND, noSuchImage(name));
  }

  /**
   * Finds the image a name means, in the order moby's {@code GetImage} tries: a full id, a
   * reference, then a unique id prefix.
   *
   * @throws DockerApiException 404 when no image, or more than one by prefix, matches
   */
  static ImageSummary resolve(List<ImageSummary> images, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (FULL_ID.matcher(lower).matches()) {
      String id = lower.startsWith("sha256:") ? lower : "sha256:" + lower;
      return images.stream()
          .filter(image -> image.imageId().equals(id))
          .findFirst()
          .orElseThrow(() -> notFound(name));
    }
    if (ImageRef.isValid(name)) {
      String reference = ImageRef.parse(name).toString();
      for (ImageSummary image : images) {
        if (image.repoTags().contains(reference)) {
          return image;
        }
      }
    }
    if (ID_PREFIX.matcher(lower).matches()) {
      String prefix = lower.startsWith("sha256:") ? lower : "sha256:" + lower;
      List<ImageSummary> matches =
          images.stream().filter(image -> image.imageId().startsWith(prefix)).toList();
      if (matches.size() == 1) {
        return matches.get(0);
      }
    }
    throw notFound(name);
  }
}
