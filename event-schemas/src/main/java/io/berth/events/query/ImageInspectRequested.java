package io.berth.events.query;

import io.berth.events.Checks;
import io.berth.events.Query;

/**
 * Asks the image-service for everything about one image ({@code docker image inspect}, {@code
 * docker history}); answered with {@link ImageInspected}, or a {@code NOT_FOUND} failure.
 *
 * @param requestId the correlation id, also the record key
 * @param reference the image's reference, full or short id, as the user wrote it
 */
public record ImageInspectRequested(String requestId, String reference) implements Query {
  public ImageInspectRequested {
    Checks.requireText(reference, "reference");
  }

  @Override
  public String subject() {
    return requestId;
  }
}
