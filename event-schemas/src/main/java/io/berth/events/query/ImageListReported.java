package io.berth.events.query;

import io.berth.events.Reply;
import java.util.List;

/**
 * The image-service's images; the answer to {@link ImageListRequested}.
 *
 * @param requestId the request's id
 * @param images every image, newest first
 */
public record ImageListReported(String requestId, List<ImageSummary> images) implements Reply {
  public ImageListReported {
    images = images == null ? List.of() : List.copyOf(images);
  }

  @Override
  public String subject() {
    return requestId;
  }
}
