package io.berth.events.image;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference as the docker CLI takes it ({@code busybox}, {@code busybox:1.36}, {@code
 * registry:5000/team/app:v1}, {@code app@sha256:...}), normalised the way Docker shows it: the
 * default registry and {@code library/} are dropped and a missing tag is {@code latest}.
 *
 * @param repository the repository, for example {@code busybox} or {@code registry:5000/team/app}
 * @param tag the tag, or null when a digest is given
 * @param digest the {@code sha256:} digest, or null
 */
public record ImageRef(String repository, String tag, String digest) {

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  public ImageRef {
    Objects.requireNonNull(repository, "repository");
    if (tag == null && digest == null) {
      tag = "latest";
    }
  }

  /**
   * Parses and normalises a reference.
   *
   * @throws IllegalArgumentException with Docker's wording when the reference is malformed
   */
  public static ImageRef parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("invalid reference format: empty");
    }
    String rest = text;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException("invalid reference format: bad digest in " + text);
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("invalid reference format: bad tag in " + text);
      }
    }
    String repository = normaliseRepository(rest, text);
    return new ImageRef(repository, tag, digest);
  }

  /** Whether a string parses as a reference. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String normaliseRepository(String repository, String original) {
    if (repository.isEmpty()) {
      throw new IllegalArgumentException("invalid reference format: " + original);
    }
    String[] parts = repository.split("/", -1);
    int first = 0;
    if (parts.length > 1 && isRegistry(parts[0])) {
      first = 1;
    }
    for (int i = first; i < parts.length; i++) {
      if (!COMPONENT.matcher(parts[i]).matches()) {
        String lower = parts[i].toLowerCase(Locale.ROOT);
        throw new IllegalArgumentException(
            lower.equals(parts[i])
                ? "invalid reference format: " + original
                : "invalid reference format: repository name ("
                    + repository
                    + ") must be lowercase");
      }
    }
    String name = repository;
    if (name.startsWith("docker.io/")) {
      name = name.substring("docker.io/".length());
    } else if (name.startsWith("index.docker.io/")) {
      name = name.substring("index.docker.io/".length());
    }
    if (name.startsWith("library/") && name.indexOf('/', "library/".length()) < 0) {
      name = name.substring("library/".length());
    }
    return name;
  }

  private static boolean isRegistry(String part) {
    return part.contains(".") || part.contains(":") || part.equals("localhost");
  }

  /** {@code repository:tag}, or {@code repository@digest} when there is no tag. */
  @Override
  public String toString() {
    if (tag != null) {
      return repository + ":" + tag + (digest == null ? "" : "@" + digest);
    }
    return repository + "@" + digest;
  }
}
