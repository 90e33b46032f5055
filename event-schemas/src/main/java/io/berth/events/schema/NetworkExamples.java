package io.berth.events.schema;

import static io.berth.events.schema.Examples.CONTAINER_ID;
import static io.berth.events.schema.Examples.NOW;
import static io.berth.events.schema.Examples.REQUEST_ID;

import io.berth.events.Message;
import io.berth.events.network.NetworkConnectRequested;
import io.berth.events.network.NetworkConnected;
import io.berth.events.network.NetworkCreateRequested;
import io.berth.events.network.NetworkCreated;
import io.berth.events.network.NetworkDescriptor;
import io.berth.events.network.NetworkDetails;
import io.berth.events.network.NetworkDisconnectRequested;
import io.berth.events.network.NetworkDisconnected;
import io.berth.events.network.NetworkEndpoint;
import io.berth.events.network.NetworkPruneRequested;
import io.berth.events.network.NetworkRemoveRequested;
import io.berth.events.network.NetworkRemoved;
import io.berth.events.network.NetworksPruned;
import io.berth.events.query.NetworkListReported;
import io.berth.events.query.NetworkListRequested;
import java.util.List;
import java.util.Map;

/** The network examples: {@code docker network create backend}, a connect, and the rest. */
final class NetworkExamples {

  private NetworkExamples() {}

  static final String NETWORK_ID =
      "7c2e9a41b3d05f8e6a1c4b7d9e2f0a3c5b8d1e4f7a0c3b6d9e2f5a8c1b4d7e0f";

  static List<Message> all() {
    NetworkDescriptor backend =
        new NetworkDescriptor(
            NETWORK_ID,
            "backend",
            "bridge",
            "172.31.1.0/24",
            "172.31.1.1",
            "berth-7c2e9a41b",
            false,
            Map.of("team", "payments"),
            NOW);
    NetworkEndpoint web =
        new NetworkEndpoint(
            NETWORK_ID,
            "backend",
            CONTAINER_ID,
            "web",
            "172.31.1.2",
            24,
            "172.31.1.1",
            "02:42:ac:1f:01:02",
            List.of("api"));
    return List.of(
        new NetworkCreateRequested(
            NETWORK_ID, "backend", "bridge", null, false, Map.of("team", "payments")),
        new NetworkCreated(backend),
        new NetworkConnectRequested("backend", CONTAINER_ID, List.of("api")),
        new NetworkConnected(NETWORK_ID, "backend", CONTAINER_ID),
        new NetworkDisconnectRequested("backend", CONTAINER_ID, false),
        new NetworkDisconnected(NETWORK_ID, "backend", CONTAINER_ID),
        new NetworkRemoveRequested("backend"),
        new NetworkRemoved(NETWORK_ID, "backend"),
        new NetworkPruneRequested(REQUEST_ID),
        new NetworksPruned(REQUEST_ID, List.of("backend")),
        new NetworkListRequested(REQUEST_ID),
        new NetworkListReported(REQUEST_ID, List.of(new NetworkDetails(backend, List.of(web)))));
  }
}
