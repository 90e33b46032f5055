package io.berth.container.network;

import io.berth.container.runtime.ContainerRuntime;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRows;
import io.berth.events.container.ContainerIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /etc/hosts} of containers on bridge networks, generated from the database: their own
 * addresses under their hostnames, and on user-defined networks their running peers under their
 * names, aliases and short ids, rewritten whenever the peers change.
 */
final class HostsFiles {

  private static final Logger LOG = LoggerFactory.getLogger(HostsFiles.class);

  private final Networks networks;
  private final EndpointRepository endpoints;
  private final ContainerRepository containers;
  private final ContainerRuntime runtime;

  HostsFiles(
      Networks networks,
      EndpointRepository endpoints,
      ContainerRepository containers,
      ContainerRuntime runtime) {
    this.networks = networks;
    this.endpoints = endpoints;
    this.containers = containers;
    this.runtime = runtime;
  }

  /** Rewrites the hosts files of the other running containers on these (user) networks. */
  void refreshPeers(String containerId, Set<String> networkIds) {
    Set<String> peers = new LinkedHashSet<>();
    for (String networkId : networkIds) {
      NetworkRow network = networks.resolve(networkId);
      if (network.name().equals(Networks.DEFAULT)) {
        continue;
      }
      for (EndpointRow other : endpoints.findByNetworkIdOrderById(network.id())) {
        if (!other.containerId().equals(containerId) && other.ipAddress() != null) {
          peers.add(other.containerId());
        }
      }
    }
    for (String peer : peers) {
      containers.findById(peer).ifPresent(this::rewrite);
    }
  }

  static Set<String> networkIds(List<EndpointRow> rows) {
    return rows.stream().map(EndpointRow::networkId).collect(Collectors.toSet());
  }

  /** Rewrites a running container's hosts file from the database. */
  void rewrite(ContainerRow row) {
    Path file = runtime.bundle(row.id()).resolve("hosts");
    String mode = ContainerNetworking.hostConfig(row).networkMode();
    if (Files.exists(file) && !mode.equals("host") && !mode.startsWith("container:")) {
      try {
        // Written in place: the container sees this inode through its bind mount.
        Files.writeString(file, hosts(row, hostnameOf(row)));
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not update the hosts file of {}: {}", row.id(), e.toString());
      }
    }
  }

  /** The hosts file of a container: its own addresses, then its peers on user networks. */
  String hosts(ContainerRow row, String hostname) {
    List<EtcFiles.HostEntry> own = new ArrayList<>();
    List<EtcFiles.HostEntry> peers = new ArrayList<>();
    for (EndpointRow mine : endpoints.findByContainerIdOrderById(row.id())) {
      if (mine.ipAddress() == null) {
        continue;
      }
      own.add(new EtcFiles.HostEntry(mine.ipAddress(), List.of(hostname)));
      NetworkRow network = networks.resolve(mine.networkId());
      if (network.name().equals(Networks.DEFAULT)) {
        continue;
      }
      for (EndpointRow other : endpoints.findByNetworkIdOrderById(network.id())) {
        if (other.containerId().equals(row.id()) || other.ipAddress() == null) {
          continue;
        }
        Optional<ContainerRow> peer = containers.findById(other.containerId());
        if (peer.isEmpty()) {
          continue;
        }
        List<String> names = new ArrayList<>();
        names.add(peer.get().name());
        names.addAll(Json.read(other.aliases(), Json.STRING_LIST));
        names.add(ContainerIds.shortId(peer.get().id()));
        peers.add(new EtcFiles.HostEntry(other.ipAddress(), names));
      }
    }
    return EtcFiles.hosts(ContainerNetworking.hostConfig(row).extraHosts(), own, peers);
  }

  private static String hostnameOf(ContainerRow row) {
    String configured = ContainerRows.config(row).hostname();
    return configured == null || configured.isBlank() ? ContainerIds.shortId(row.id()) : configured;
  }
}
