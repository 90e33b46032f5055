package io.berth.gateway.docker.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.query.ImageInspected;
import io.berth.events.query.ImageLayer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /images/{name}/history}: the config's {@code history}, newest first, each
 * entry with the size of the layer it made (moby {@code daemon/images/image_history.go}).
 */
public final class ImageHistoryJson {

  /** The id Docker shows for an entry whose image it does not know. */
  public static final String MISSING = "<missing>";

  private ImageHistoryJson() {}

  /**
   * The history entries, newest first. An entry with {@code empty_layer} made no layer and has size
   * 0; each other entry takes the next layer, bottom up. The newest entry carries the image's id
   * and tags, the others {@code <missing>} and null: Berth does not walk parent images here.
   *
   * @throws IllegalStateException when the history names more layers than the image has
   */
  public static List<Map<String, Object>> entries(ImageInspected image, JsonNode config) {
    JsonNode history = config.path("history");
    List<ImageLayer> layers = image.layers();
    List<Map<String, Object>> entries = new ArrayList<>();
    int layer = 0;
    for (JsonNode step : history.isArray() ? history : List.<JsonNode>of()) {
      long size = 0;
      if (!step.path("empty_layer").asBoolean(false)) {
        if (layer >= layers.size()) {
          throw new IllegalStateException("too many non-empty layers in History section");
        }
        size = layers.get(layer++).size();
      }
      entries.add(
          0,
          entry(
              MISSING,
              created(step),
              step.path("created_by").asText(""),
              null,
              size,
              step.path("comment").asText("")));
    }
    if (!entries.isEmpty()) {
      Map<String, Object> newest = entries.get(0);
      newest.put("Id", image.imageId());
      newest.put("Tags", image.repoTags().isEmpty() ? null : image.repoTags());
    }
    return entries;
  }

  private static long created(JsonNode step) {
    OffsetDateTime created = GoTime.parse(step.path("created").asText(null));
    return created == null ? 0 : created.toEpochSecond();
  }

  private static Map<String, Object> entry(
      String id, long created, String createdBy, List<String> tags, long size, String comment) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("Id", id);
    entry.put("Created", created);
    entry.put("CreatedBy", createdBy);
    entry.put("Tags", tags);
    entry.put("Size", size);
    entry.put("Comment", comment);
    return entry;
  }
}
