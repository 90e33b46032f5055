package io.berth.events.query;

import io.berth.events.Reply;
import java.util.List;

/**
 * The answer to {@link VolumeListRequested}, by name.
 *
 * @param requestId the correlation id
 * @param volumes the volumes
 */
public record VolumeListReported(String requestId, List<VolumeDetails> volumes) implements Reply {
  public VolumeListReported {
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
  }

  @Override
  public String subject() {
    return requestId;
  }
}
