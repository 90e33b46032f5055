package io.berth.gateway.docker;

import io.berth.events.query.ImageSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The filters of {@code GET /images/json} and {@code POST /images/prune}, applied as moby's image
 * service applies them ({@code daemon/images/image_list.go}, {@code image_prune.go}).
 */
final class ImageFilters {

  /** The keys {@code docker images --filter} takes. */
  static final Set<String> LIST_KEYS =
      Set.of("dangling", "label", "before", "since", "reference", "until");

  /** The keys {@code docker image prune --filter} takes. */
  static final Set<String> PRUNE_KEYS = Set.of("dangling", "label", "label!", "until");

  private ImageFilters() {}

  /**
   * One line of the list: the image and the tags it shows (a {@code reference} filter shows only
   * the tags that match).
   */
  record Listed(ImageSummary image, List<String> repoTags) {}

  /**
   * What to prune, read from the filters.
   *
   * @param all remove every unused image, not only dangling ones ({@code dangling=false})
   * @param labels {@code label=} values
   * @param notLabels {@code label!=} values
   * @param until only images created before this, or null
   */
  record PruneOptions(boolean all, List<String> labels, List<String> notLabels, Instant until) {}

  /**
   * Selects and orders the images {@code docker images} shows, newest first.
   *
   * @param images every image the image-service has
   * @param filters the request's filters
   * @param all whether intermediate images (untagged parents of other images) show ({@code -a})
   * @throws DockerApiException 400 for a bad filter, 404 when {@code before}/{@code since} names no
   *     image
   */
  static List<Listed> list(
      List<ImageSummary> images, FilterArgs filters, boolean all, Instant now, ZoneId zone) {
    filters.validate(LIST_KEYS);
    boolean danglingOnly = filters.bool("dangling", false);
    Instant before = null;
    for (String name : filters.get("before")) {
      before = earliest(before, ImageNames.resolve(images, name).created());
    }
    for (String value : filters.get("until")) {
      before = earliest(before, until(value, now, zone));
    }
    Instant since = null;
    for (String name : filters.get("since")) {
      Instant created = ImageNames.resolve(images, name).created();
      since = since == null || created.isAfter(since) ? created : since;
    }
    List<GlobPattern> patterns = patterns(filters.get("reference"));
    Set<String> parents = new HashSet<>();
    images.forEach(image -> parents.add(image.parentId()));

    List<Listed> listed = new ArrayList<>();
    for (ImageSummary image : images) {
      boolean hasChildren = parents.contains(image.imageId());
      if (danglingOnly && hasChildren) {
        continue; // moby selects only the heads of the image graph for dangling=true
      }
      if (before != null && !image.created().isBefore(before)) {
        continue;
      }
      if (since != null && !image.created().isAfter(since)) {
        continue;
      }
      if (filters.contains("label") && !filters.matchLabels("label", image.labels())) {
        continue;
      }
      List<String> tags =
          filters.contains("reference")
              ? image.repoTags().stream().filter(tag -> matchesAny(patterns, tag)).toList()
              : image.repoTags();
      if (tags.isEmpty()) {
        if (!all && hasChildren) {
          continue; // an intermediate image shows only with -a
        }
        if (filters.contains("dangling") && !danglingOnly) {
          continue;
        }
        if (filters.contains("reference")) {
          continue;
        }
      } else if (danglingOnly) {
        continue;
      }
      listed.add(new Listed(image, tags));
    }
    listed.sort(Comparator.comparing((Listed l) -> l.image().created()).reversed());
    return listed;
  }

  /**
   * Reads the prune filters.
   *
   * @throws DockerApiException 400 for a bad filter or time
   */
  static PruneOptions prune(FilterArgs filters, Instant now, ZoneId zone) {
    filters.validate(PRUNE_KEYS);
    boolean danglingOnly = filters.bool("dangling", true);
    Instant until = null;
    if (filters.contains("until")) {
      List<String> values = filters.get("until");
      if (values.size() > 1) {
        throw DockerApiException.badRequest("more than one until filter specified");
      }
      until = values.isEmpty() ? null : until(values.get(0), now, zone);
    }
    return new PruneOptions(!danglingOnly, filters.get("label"), filters.get("label!"), until);
  }

  private static Instant until(String value, Instant now, ZoneId zone) {
    try {
      return Timestamps.parse(value, now, zone);
    } catch (IllegalArgumentException e) {
      throw DockerApiException.badRequest("invalid value for 'until' filter: " + e.getMessage());
    }
  }

  private static Instant earliest(Instant current, Instant candidate) {
    return current == null || candidate.isBefore(current) ? candidate : current;
  }

  private static List<GlobPattern> patterns(List<String> values) {
    try {
      return values.stream().map(GlobPattern::compile).toList();
    } catch (IllegalArgumentException e) {
      throw DockerApiException.badRequest(e.getMessage());
    }
  }

  private static boolean matchesAny(List<GlobPattern> patterns, String repoTag) {
    List<String> forms = ImageNames.referenceForms(repoTag);
    return patterns.stream().anyMatch(p -> forms.stream().anyMatch(p::matches));
  }
}
