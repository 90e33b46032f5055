package io.berth.gateway.events;

import io.berth.events.Message;
import io.berth.events.network.NetworkConnected;
import io.berth.events.network.NetworkCreated;
import io.berth.events.network.NetworkDisconnected;
import io.berth.events.network.NetworkRemoved;
import io.berth.gateway.events.json.DockerEventMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Network events as moby's daemon logs them ({@code daemon/events.go
 * LogNetworkEventWithAttributes}): type {@code network}, the network's id as the actor, its {@code
 * name} and {@code type} (the driver), and the {@code container} for {@code connect} and {@code
 * disconnect}.
 */
final class NetworkEvents {

  private NetworkEvents() {}

  static boolean isNetworkEvent(Message event) {
    return event instanceof NetworkCreated
        || event instanceof NetworkRemoved
        || event instanceof NetworkConnected
        || event instanceof NetworkDisconnected;
  }

  static List<DockerEventMessage> of(Message event, Instant time) {
    Map<String, String> attributes = new LinkedHashMap<>();
    String action;
    String id;
    if (event instanceof NetworkCreated created) {
      action = "create";
      id = created.network().networkId();
      attributes.put("name", created.network().name());
      attributes.put("type", created.network().driver());
    } else if (event instanceof NetworkRemoved removed) {
      action = "destroy";
      id = removed.networkId();
      attributes.put("name", removed.name());
      attributes.put("type", "bridge");
    } else if (event instanceof NetworkConnected connected) {
      action = "connect";
      id = connected.networkId();
      attributes.put("container", connected.containerId());
      attributes.put("name", connected.name());
      attributes.put("type", "bridge");
    } else {
      NetworkDisconnected disconnected = (NetworkDisconnected) event;
      action = "disconnect";
      id = disconnected.networkId();
      attributes.put("container", disconnected.containerId());
      attributes.put("name", disconnected.name());
      attributes.put("type", "bridge");
    }
    return List.of(DockerEvents.message(DockerEvents.NETWORK, action, id, attributes, time));
  }
}
