package io.berth.events.query;

import io.berth.events.Reply;

/**
 * The image-service's answer to {@link ImageCountsRequested}.
 *
 * @param requestId the correlation id
 * @param images number of images
 */
public record ImageCountsReported(String requestId, long images) implements Reply {
  @Override
  public String subject() {
    return requestId;
  }
}
