package io.berth.gateway.docker.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of {@code DELETE /images/{name}} (a list of {@code DeleteResponse}) and {@code POST
 * /images/prune} (a {@code PruneReport}).
 */
public final class ImageDeleteJson {

  private ImageDeleteJson() {}

  /** {@code [{"Untagged":"busybox:latest"},{"Deleted":"sha256:..."}]}: untagged first. */
  public static List<Map<String, String>> items(List<String> untagged, List<String> deleted) {
    List<Map<String, String>> items = new ArrayList<>();
    untagged.forEach(reference -> items.add(Map.of("Untagged", reference)));
    deleted.forEach(id -> items.add(Map.of("Deleted", id)));
    return items;
  }

  /** {@code {"ImagesDeleted":[...] or null,"SpaceReclaimed":N}}. */
  public static Map<String, Object> pruneReport(
      List<String> untagged, List<String> deleted, long spaceReclaimed) {
    List<Map<String, String>> items = items(untagged, deleted);
    Map<String, Object> body = new LinkedHashMap<>();
    // A Go nil slice without omitempty: null when nothing was removed.
    body.put("ImagesDeleted", items.isEmpty() ? null : items);
    body.put("SpaceReclaimed", spaceReclaimed);
    return body;
  }
}
