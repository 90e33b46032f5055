package io.berth.events.query;

import io.berth.events.Reply;
import java.util.List;

/**
 * The answer to {@link ContainerListRequested}, newest first.
 *
 * @param requestId the correlation id
 * @param containers the containers
 */
public record ContainerListReported(String requestId, List<ContainerSummary> containers)
    implements Reply {
  public ContainerListReported {
    containers = containers == null ? List.of() : List.copyOf(containers);
  }

  @Override
  public String subject() {
    return requestId;
  }
}
