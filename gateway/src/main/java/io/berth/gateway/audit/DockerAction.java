package io.berth.gateway.audit;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Docker action a mutating Engine API request asks for ({@code container.create}, {@code
 * image.tag}, ...) and the container, image or exec it names, if any.
 *
 * @param action the action, {@code noun.verb}
 * @param target the id or name in the path, or null
 */
public record DockerAction(String action, String target) {

  private static final Pattern VERSION = Pattern.compile("^/v\\d+\\.\\d+(?=/)");

  /** Paths whose POST, PUT or DELETE change something (others, such as /auth, are not audited). */
  private static final Set<String> NOUNS =
      Set.of("containers", "images", "build", "commit", "exec", "networks", "volumes");

  /** POSTs that only read or attach a stream: not mutations. */
  private static final Set<String> READS = Set.of("wait", "attach", "resize");

  /** Verbs that sit where an id would (POST /containers/create, /images/load, ...). */
  private static final Set<String> COLLECTION_VERBS = Set.of("create", "prune", "load");

  /**
   * The action of a request, or empty if it is not an audited mutation.
   *
   * @param method the HTTP method
   * @param path the request path, versioned or not
   */
  public static Optional<DockerAction> of(String method, String path) {
    if (!Set.of("POST", "PUT", "DELETE").contains(method)) {
      return Optional.empty();
    }
    String[] segments = VERSION.matcher(path).replaceFirst("").replaceAll("^/+|/+$", "").split("/");
    if (segments.length == 0 || !NOUNS.contains(segments[0])) {
      return Optional.empty();
    }
    String noun = singular(segments[0]);
    if (segments.length == 1) {
      return Optional.of(
          new DockerAction(
              switch (noun) {
                case "build" -> "image.build";
                case "commit" -> "container.commit";
                default -> noun + "." + method.toLowerCase();
              },
              null));
    }
    if (segments.length == 2 && COLLECTION_VERBS.contains(segments[1])) {
      return Optional.of(new DockerAction(noun + "." + segments[1], null));
    }
    String target = segments[1];
    if (segments.length == 2) {
      return Optional.of(
          new DockerAction(noun + (method.equals("DELETE") ? ".remove" : ".update"), target));
    }
    String verb = segments[segments.length - 1];
    if (READS.contains(verb)) {
      return Optional.empty();
    }
    return Optional.of(new DockerAction(noun + "." + verb, target));
  }

  private static String singular(String noun) {
    return noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
  }
}
