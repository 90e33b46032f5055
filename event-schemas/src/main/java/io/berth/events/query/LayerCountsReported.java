package io.berth.events.query;

import io.berth.events.Reply;

/**
 * The layer-service's answer to {@link LayerCountsRequested}.
 *
 * @param requestId the correlation id
 * @param blobs number of blobs in the content store
 * @param snapshots number of unpacked snapshots
 * @param bytes total bytes of the blobs
 */
public record LayerCountsReported(String requestId, long blobs, long snapshots, long bytes)
    implements Reply {
  @Override
  public String subject() {
    return requestId;
  }
}
