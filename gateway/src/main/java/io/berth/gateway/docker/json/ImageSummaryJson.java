package io.berth.gateway.docker.json;

import io.berth.events.query.ImageSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code GET /images/json} (and of {@code docker system df}), shaped as the Engine
 * API's {@code ImageSummary} (moby {@code api/types/image/summary.go}).
 */
public final class ImageSummaryJson {

  private ImageSummaryJson() {}

  /**
   * What an entry shows, by request and API version.
   *
   * @param sharedSize fill {@code SharedSize} ({@code ?shared-size=1}, and always in {@code df});
   *     else it is -1, "not computed"
   * @param containers fill {@code Containers} ({@code df}; the list sends -1 before API 1.51)
   * @param virtualSize add {@code VirtualSize} (API before 1.44)
   * @param noneTags show an untagged image as {@code <none>:<none>} (API before 1.43)
   */
  public record Options(
      boolean sharedSize, boolean containers, boolean virtualSize, boolean noneTags) {}

  /**
   * The entry for an image.
   *
   * @param image the image-service's summary
   * @param repoTags the tags to show (the {@code reference} filter narrows them)
   * @param sharedSize the shared bytes to show when {@link Options#sharedSize()} is set
   * @param containers the number of containers to show when {@link Options#containers()} is set
   */
  public static Map<String, Object> entry(
      ImageSummary image,
      List<String> repoTags,
      long sharedSize,
      long containers,
      Options options) {
    List<String> tags = repoTags;
    List<String> digests = List.of();
    if (options.noneTags() && tags.isEmpty()) {
      tags = List.of("<none>:<none>");
      digests = List.of("<none>@<none>");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Containers", options.containers() ? containers : -1);
    body.put("Created", image.created().getEpochSecond());
    body.put("Id", image.imageId());
    // moby copies the config's labels, a nil map when the image has none.
    body.put("Labels", image.labels().isEmpty() ? null : image.labels());
    body.put("ParentId", image.parentId() == null ? "" : image.parentId());
    body.put("RepoDigests", digests);
    body.put("RepoTags", tags);
    body.put("SharedSize", options.sharedSize() ? sharedSize : -1);
    body.put("Size", image.size());
    if (options.virtualSize()) {
      body.put("VirtualSize", image.size());
    }
    return body;
  }
}
