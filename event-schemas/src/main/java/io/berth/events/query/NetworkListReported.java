package io.berth.events.query;

import io.berth.events.Reply;
import io.berth.events.network.NetworkDetails;
import java.util.List;

/**
 * The answer to {@link NetworkListRequested}, by name.
 *
 * @param requestId the correlation id
 * @param networks the networks with their endpoints
 */
public record NetworkListReported(String requestId, List<NetworkDetails> networks)
    implements Reply {
  public NetworkListReported {
    networks = networks == null ? List.of() : List.copyOf(networks);
  }

  @Override
  public String subject() {
    return requestId;
  }
}
