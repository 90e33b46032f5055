package io.berth.events.query;

import io.berth.events.Reply;

/**
 * The container-service's answer to {@link ContainerCountsRequested}.
 *
 * @param requestId the correlation id
 * @param total all containers
 * @param running running ones
 * @param paused paused ones
 * @param stopped created or exited ones
 */
public record ContainerCountsReported(
    String requestId, long total, long running, long paused, long stopped) implements Reply {
  @Override
  public String subject() {
    return requestId;
  }
}
