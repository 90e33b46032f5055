package io.berth.container.network;

import io.berth.events.Message;
import io.berth.events.network.NetworkConnectRequested;
import io.berth.events.network.NetworkConnected;
import io.berth.events.network.NetworkCreateRequested;
import io.berth.events.network.NetworkCreated;
import io.berth.events.network.NetworkDisconnectRequested;
import io.berth.events.network.NetworkDisconnected;
import io.berth.events.network.NetworkPruneRequested;
import io.berth.events.network.NetworkRemoveRequested;
import io.berth.events.network.NetworkRemoved;
import io.berth.events.network.NetworksPruned;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Applies the network commands; each returns its outcome (a prune: each removal, then its own). */
@Singleton
public class NetworkCommands {

  private final Networks networks;
  private final ContainerNetworking containers;

  public NetworkCommands(Networks networks, ContainerNetworking containers) {
    this.networks = networks;
    this.containers = containers;
  }

  /** Whether the payload is a network command. */
  public boolean handles(Message payload) {
    return payload instanceof NetworkCreateRequested
        || payload instanceof NetworkRemoveRequested
        || payload instanceof NetworkConnectRequested
        || payload instanceof NetworkDisconnectRequested
        || payload instanceof NetworkPruneRequested;
  }

  /**
   * Refuses a container create naming a network that does not exist, as Docker does at create.
   *
   * @throws io.berth.container.ContainerException NOT_FOUND {@code network x not found}
   */
  public void requireNetwork(String networkMode) {
    if (!networkMode.startsWith("container:")) {
      networks.resolve(networkMode);
    }
  }

  /** Applies a network command, in the caller's transaction. */
  public List<Message> apply(Message payload) {
    if (payload instanceof NetworkCreateRequested create) {
      return List.of(new NetworkCreated(networks.create(create)));
    }
    if (payload instanceof NetworkRemoveRequested remove) {
      return List.of(networks.remove(remove.network()));
    }
    if (payload instanceof NetworkConnectRequested connect) {
      NetworkRow network =
          containers.connect(connect.network(), connect.containerId(), connect.aliases());
      return List.of(new NetworkConnected(network.id(), network.name(), connect.containerId()));
    }
    if (payload instanceof NetworkDisconnectRequested disconnect) {
      NetworkRow network = containers.disconnect(disconnect.network(), disconnect.containerId());
      return List.of(
          new NetworkDisconnected(network.id(), network.name(), disconnect.containerId()));
    }
    NetworkPruneRequested prune = (NetworkPruneRequested) payload;
    List<NetworkRemoved> removed = networks.prune();
    List<Message> out = new ArrayList<>(removed);
    out.add(
        new NetworksPruned(prune.requestId(), removed.stream().map(NetworkRemoved::name).toList()));
    return out;
  }
}
