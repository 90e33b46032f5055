package io.berth.gateway.docker;

import io.berth.events.image.ImageRef;
import io.berth.events.query.ContainerSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code docker ps}: which containers {@code GET /containers/json} lists, as moby's {@code
 * daemon/list.go} decides it: newest first, only running ones (running, paused, restarting) unless
 * {@code all}, a {@code limit} or a {@code status} filter asks for more, then the {@code filters}.
 */
final class ContainerFilters {

  static final Set<String> ACCEPTED =
      Set.of("id", "name", "label", "status", "exited", "ancestor", "before", "since");

  private static final Set<String> STATES =
      Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead");

  private ContainerFilters() {}

  /**
   * The containers to list, in order.
   *
   * @param containers every container, in any order
   * @throws DockerApiException 400 for an unknown filter or a bad value, 404 when {@code before} or
   *     {@code since} names no container
   */
  static List<ContainerSummary> select(
      List<ContainerSummary> containers, FilterArgs filters, boolean all, int limit) {
    filters.validate(ACCEPTED);
    for (String status : filters.get("status")) {
      if (!STATES.contains(status)) {
        throw DockerApiException.badRequest("invalid filter 'status=" + status + "'");
      }
    }
    List<Integer> exited = new ArrayList<>();
    for (String code : filters.get("exited")) {
      try {
        exited.add(Integer.parseInt(code));
      } catch (NumberFormatException e) {
        throw DockerApiException.badRequest(
            "strconv.Atoi: parsing \"" + code + "\": invalid syntax");
      }
    }
    List<ContainerSummary> newestFirst =
        containers.stream()
            .sorted(Comparator.comparing(ContainerSummary::created).reversed())
            .toList();
    Optional<ContainerSummary> before = reference(newestFirst, filters, "before");
    Optional<ContainerSummary> since = reference(newestFirst, filters, "since");
    boolean everyState = all || limit > 0 || filters.contains("status");
    Predicate<ContainerSummary> keep =
        c ->
            before.map(b -> c.created().isBefore(b.created())).orElse(true)
                && since.map(s -> c.created().isAfter(s.created())).orElse(true)
                && (everyState || isRunning(c))
                && matches(c, filters, exited);
    return newestFirst.stream().filter(keep).limit(limit > 0 ? limit : Long.MAX_VALUE).toList();
  }

  /** Running in Docker's sense: paused and restarting containers are running too. */
  static boolean isRunning(ContainerSummary c) {
    return switch (c.state()) {
      case "running", "paused", "restarting" -> true;
      default -> false;
    };
  }

  private static boolean matches(ContainerSummary c, FilterArgs filters, List<Integer> exited) {
    if (!anyFinds(filters.get("id"), c.containerId())) {
      return false;
    }
    if (!anyFinds(filters.get("name"), "/" + c.name())) {
      return false;
    }
    if (!filters.matchLabels("label", c.labels())) {
      return false;
    }
    if (filters.contains("status") && !filters.get("status").contains(c.state())) {
      return false;
    }
    if (!exited.isEmpty()
        && (!(c.state().equals("exited") || c.state().equals("dead"))
            || !exited.contains(c.exitCode() == null ? 0 : c.exitCode()))) {
      return false;
    }
    List<String> ancestors = filters.get("ancestor");
    return ancestors.isEmpty() || ancestors.stream().anyMatch(a -> isAncestor(a, c));
  }

  /** moby's {@code Args.Match}: each value is a regular expression searched for in the text. */
  private static boolean anyFinds(List<String> patterns, String text) {
    if (patterns.isEmpty()) {
      return true;
    }
    for (String pattern : patterns) {
      try {
        if (Pattern.compile(pattern).matcher(text).find()) {
          return true;
        }
      } catch (PatternSyntaxException e) {
        if (text.contains(pattern)) {
          return true;
        }
      }
    }
    return false;
  }

  /** An image reference (normalised: busybox is busybox:latest), a full id or an id prefix. */
  static boolean isAncestor(String ancestor, ContainerSummary c) {
    if (ancestor.isEmpty()) {
      return false;
    }
    if (ancestor.equals(c.image()) || sameReference(ancestor, c.image())) {
      return true;
    }
    String imageId = c.imageId() == null ? "" : c.imageId();
    String hex = imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
    String wanted = ancestor.startsWith("sha256:") ? ancestor.substring(7) : ancestor;
    return !hex.isEmpty() && wanted.matches("[0-9a-f]{1,64}") && hex.startsWith(wanted);
  }

  private static boolean sameReference(String a, String b) {
    if (b == null || !ImageRef.isValid(a) || !ImageRef.isValid(b)) {
      return false;
    }
    return ImageRef.parse(a).equals(ImageRef.parse(b));
  }

  /** The container {@code before} or {@code since} names: a name, a full id or an id prefix. */
  private static Optional<ContainerSummary> reference(
      List<ContainerSummary> containers, FilterArgs filters, String key) {
    List<String> values = filters.get(key);
    if (values.isEmpty()) {
      return Optional.empty();
    }
    String ref = values.get(values.size() - 1);
    String name = ref.startsWith("/") ? ref.substring(1) : ref;
    Optional<ContainerSummary> found =
        containers.stream()
            .filter(c -> c.containerId().equals(ref) || c.name().equals(name))
            .findFirst();
    if (found.isEmpty()) {
      List<ContainerSummary> prefixed =
          containers.stream().filter(c -> c.containerId().startsWith(ref)).toList();
      if (prefixed.size() == 1) {
        found = Optional.of(prefixed.get(0));
      }
    }
    return Optional.of(
        found.orElseThrow(
            () ->
                new DockerApiException(
                    io.micronaut.http.HttpStatus.NOT_FOUND, "No such container: " + ref)));
  }
}
