package io.berth.container.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.container.ContainerException;
import io.berth.container.runtime.ContainerRuntime;
import io.berth.container.runtime.RunningProcess;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRows;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.HostConfig;
import io.berth.events.container.PortBinding;
import io.berth.events.network.NetworkEndpoint;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * A container's side of networking: before a start, its addresses on each network it is connected
 * to (allocated in the database, so never twice), its published ports (DNAT rules), its {@code
 * /etc/hosts} and {@code /etc/resolv.conf}, and the interfaces to plug into its network namespace
 * once its first process exists; after it ended, all of it released. Connecting and disconnecting a
 * running container plugs and unplugs an interface at once.
 */
@Singleton
public class ContainerNetworking {

  /**
   * What a start needs from networking.
   *
   * @param hostNetwork share the host's network namespace
   * @param joinPid join the network namespace of this process ({@code container:<id>}), or 0
   * @param hosts the {@code /etc/hosts} to write, or null for the runtime's default
   * @param resolvConf the {@code /etc/resolv.conf} to write, or null for the runtime's default
   * @param setup what to do with the first process's pid before it runs, or null
   */
  public record Sandbox(
      boolean hostNetwork, int joinPid, String hosts, String resolvConf, IntConsumer setup) {}

  private final Networks networks;
  private final EndpointRepository endpoints;
  private final PublishedPortRepository ports;
  private final ContainerRepository containers;
  private final ContainerRuntime runtime;
  private final HostsFiles hostsFiles;

  public ContainerNetworking(
      Networks networks,
      EndpointRepository endpoints,
      PublishedPortRepository ports,
      ContainerRepository containers,
      ContainerRuntime runtime) {
    this.networks = networks;
    this.endpoints = endpoints;
    this.ports = ports;
    this.containers = containers;
    this.runtime = runtime;
    this.hostsFiles = new HostsFiles(networks, endpoints, containers, runtime);
  }

  /**
   * Prepares a container's network for a start, in the start's transaction.
   *
   * @throws ContainerException NOT_FOUND for an unknown network, FAILED_PRECONDITION for a port in
   *     use or a {@code container:} mode naming a container that does not run
   */
  public synchronized Sandbox prepare(ContainerRow row, String hostname) {
    HostConfig host = hostConfig(row);
    String mode = host.networkMode();
    if (mode.startsWith("container:")) {
      return joined(mode.substring("container:".length()));
    }
    NetworkRow primary = networks.resolve(mode);
    if (primary.driver().equals("host")) {
      return new Sandbox(true, 0, null, null, null);
    }
    String resolv = host.dns().isEmpty() ? null : EtcFiles.resolvConf(host.dns());
    if (!primary.bridged()) {
      return new Sandbox(
          false,
          0,
          EtcFiles.hosts(host.extraHosts(), List.of(), List.of()),
          resolv,
          pid -> Links.plug(pid, List.of(), null, true));
    }
    String id = row.id();
    String primaryId = EndpointRow.idOf(id, primary.id());
    if (endpoints.findById(primaryId).isEmpty()) {
      endpoints.save(
          new EndpointRow(
              primaryId,
              id,
              primary.id(),
              EventCodec.toJsonString(host.networkAliases()),
              null,
              null,
              null));
    }
    List<Links.Plug> plugs = new ArrayList<>();
    List<EndpointRow> rows = new ArrayList<>(endpoints.findByContainerIdOrderById(id));
    rows.sort((a, b) -> a.id().equals(primaryId) ? -1 : b.id().equals(primaryId) ? 1 : 0);
    for (EndpointRow endpoint : rows) {
      NetworkRow network = networks.resolve(endpoint.networkId());
      plugs.add(allocate(endpoint, network, "eth" + plugs.size()));
    }
    Links.Plug first = plugs.get(0);
    publish(row, host, first.address(), primary.bridge());
    hostsFiles.refreshPeers(id, HostsFiles.networkIds(rows));
    String gateway = Subnet.parse(primary.subnet()).gateway();
    return new Sandbox(
        false,
        0,
        hostsFiles.hosts(row, hostname),
        resolv,
        pid -> Links.plug(pid, plugs, gateway, true));
  }

  /** Releases what a container held while it ran: addresses, ports, host interfaces. */
  public synchronized void release(String containerId) {
    List<PublishedPortRow> published = ports.findByContainerIdOrderById(containerId);
    if (!published.isEmpty()) {
      networks.firewall().unpublish(published);
      ports.deleteAll(published);
    }
    List<String> veths = new ArrayList<>();
    boolean held = false;
    for (EndpointRow endpoint : endpoints.findByContainerIdOrderById(containerId)) {
      if (endpoint.ipAddress() != null) {
        held = true;
        veths.add(endpoint.veth());
        endpoints.update(endpoint.released());
      }
    }
    if (held) {
      Links.unplug(veths);
      hostsFiles.refreshPeers(
          containerId, HostsFiles.networkIds(endpoints.findByContainerIdOrderById(containerId)));
    }
  }

  /** Releases and forgets a removed container's connections. */
  public synchronized void forget(String containerId) {
    release(containerId);
    endpoints.deleteAll(endpoints.findByContainerIdOrderById(containerId));
  }

  /**
   * Connects a container to a network; a running one gets its interface at once.
   *
   * @return the network it was connected to
   */
  public synchronized NetworkRow connect(
      String reference, String containerId, List<String> aliases) {
    NetworkRow network = networks.resolve(reference);
    ContainerRow row = container(containerId);
    if (!network.bridged()) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION,
          "container cannot be disconnected from host network or connected to host network");
    }
    String mode = hostConfig(row).networkMode();
    if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION,
          "container sharing network namespace with another container or host cannot be"
              + " connected to any other network");
    }
    String endpointId = EndpointRow.idOf(containerId, network.id());
    if (endpoints.findById(endpointId).isPresent()) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION,
          "endpoint with name " + row.name() + " already exists in network " + network.name());
    }
    EndpointRow endpoint =
        new EndpointRow(
            endpointId,
            containerId,
            network.id(),
            EventCodec.toJsonString(aliases),
            null,
            null,
            null);
    endpoints.save(endpoint);
    Optional<RunningProcess> process = runtime.process(containerId);
    if (process.isPresent() && process.get().running()) {
      int pid = process.get().pid();
      Links.Plug plug = allocate(endpoint, network, Links.freeInterface(pid));
      Links.plug(pid, List.of(plug), null, false);
      hostsFiles.refreshPeers(containerId, Set.of(network.id()));
      hostsFiles.rewrite(row);
    }
    return network;
  }

  /**
   * Disconnects a container from a network, unplugging its interface.
   *
   * @return the network it left
   */
  public synchronized NetworkRow disconnect(String reference, String containerId) {
    NetworkRow network = networks.resolve(reference);
    ContainerRow row = container(containerId);
    EndpointRow endpoint =
        endpoints
            .findById(EndpointRow.idOf(containerId, network.id()))
            .orElseThrow(
                () ->
                    new ContainerException(
                        ErrorCode.FAILED_PRECONDITION,
                        "container "
                            + row.id()
                            + " is not connected to network "
                            + network.name()));
    if (endpoint.veth() != null) {
      Links.unplug(List.of(endpoint.veth()));
    }
    endpoints.delete(endpoint);
    hostsFiles.refreshPeers(containerId, Set.of(network.id()));
    hostsFiles.rewrite(row);
    return network;
  }

  /** A container's endpoints, as inspect shows them. */
  public List<NetworkEndpoint> endpoints(ContainerRow row) {
    List<NetworkEndpoint> out = new ArrayList<>();
    for (EndpointRow endpoint : endpoints.findByContainerIdOrderById(row.id())) {
      out.add(endpoint(endpoint, networks.resolve(endpoint.networkId()), row.name()));
    }
    return out;
  }

  /** A running container's published ports with the host ports in use. */
  public List<PortBinding> ports(String containerId) {
    return ports.findByContainerIdOrderById(containerId).stream()
        .map(p -> new PortBinding(p.containerPort(), p.protocol(), p.hostIp(), p.hostPort()))
        .toList();
  }

  /** The running endpoints of a network. */
  public List<NetworkEndpoint> endpointsOn(NetworkRow network) {
    List<NetworkEndpoint> out = new ArrayList<>();
    for (EndpointRow endpoint : endpoints.findByNetworkIdOrderById(network.id())) {
      if (endpoint.ipAddress() != null) {
        String name =
            containers.findById(endpoint.containerId()).map(ContainerRow::name).orElse("");
        out.add(endpoint(endpoint, network, name));
      }
    }
    return out;
  }

  private static NetworkEndpoint endpoint(EndpointRow endpoint, NetworkRow network, String name) {
    Subnet subnet = network.bridged() ? Subnet.parse(network.subnet()) : null;
    return new NetworkEndpoint(
        network.id(),
        network.name(),
        endpoint.containerId(),
        name,
        endpoint.ipAddress(),
        subnet == null || endpoint.ipAddress() == null ? 0 : subnet.prefix(),
        subnet == null || endpoint.ipAddress() == null ? "" : subnet.gateway(),
        endpoint.macAddress(),
        Json.read(endpoint.aliases(), Json.STRING_LIST));
  }

  private Links.Plug allocate(EndpointRow endpoint, NetworkRow network, String inside) {
    Subnet subnet = Subnet.parse(network.subnet());
    Set<String> taken =
        endpoints.findByNetworkIdOrderById(network.id()).stream()
            .map(EndpointRow::ipAddress)
            .filter(ip -> ip != null)
            .collect(Collectors.toSet());
    String address = IpAllocator.next(subnet, taken);
    String mac = IpAllocator.macFor(address);
    String veth = HostNames.veth(endpoint.containerId(), network.id());
    endpoints.update(
        new EndpointRow(
            endpoint.id(),
            endpoint.containerId(),
            endpoint.networkId(),
            endpoint.aliases(),
            address,
            mac,
            veth));
    return new Links.Plug(veth, network.bridge(), inside, address, subnet.prefix(), mac);
  }

  private void publish(ContainerRow row, HostConfig host, String address, String bridge) {
    List<PortBinding> wanted = new ArrayList<>(host.portBindings());
    if (host.publishAllPorts()) {
      Set<String> bound = wanted.stream().map(PortBinding::portKey).collect(Collectors.toSet());
      for (String exposed : ContainerRows.config(row).exposedPorts()) {
        PortBinding binding = PortBinding.parse(exposed, "", null);
        if (!bound.contains(binding.portKey())) {
          wanted.add(binding);
        }
      }
    }
    if (wanted.isEmpty()) {
      return;
    }
    List<PublishedPortRow> inUse = new ArrayList<>();
    ports.findAll().forEach(inUse::add);
    List<PublishedPortRow> added = new ArrayList<>();
    for (PortBinding binding : wanted) {
      String hostIp = binding.hostIp().equals("0.0.0.0") ? "" : binding.hostIp();
      int hostPort = HostPorts.choose(binding.protocol(), hostIp, binding.hostPort(), inUse);
      PublishedPortRow port =
          new PublishedPortRow(
              row.id() + "/" + binding.protocol() + "/" + hostIp + "/" + hostPort,
              row.id(),
              binding.protocol(),
              binding.containerPort(),
              hostIp,
              hostPort,
              address,
              bridge);
      inUse.add(port);
      added.add(port);
    }
    ports.saveAll(added);
    networks.firewall().publish(added);
  }

  private Sandbox joined(String reference) {
    ContainerRow other = container(reference);
    Optional<RunningProcess> process = runtime.process(other.id());
    if (process.isEmpty() || !process.get().running()) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION,
          "cannot join network namespace of a non running container: " + reference);
    }
    Path bundle = runtime.bundle(other.id());
    return new Sandbox(
        false,
        process.get().pid(),
        read(bundle.resolve("hosts")),
        read(bundle.resolve("resolv.conf")),
        null);
  }

  private ContainerRow container(String reference) {
    Optional<ContainerRow> found =
        ContainerIds.isId(reference) ? containers.findById(reference) : Optional.empty();
    if (found.isEmpty()) {
      found = containers.findByName(reference);
    }
    if (found.isEmpty() && reference.matches("[0-9a-f]{1,63}")) {
      List<ContainerRow> matches = containers.findByIdLike(reference + "%");
      if (matches.size() == 1) {
        found = Optional.of(matches.get(0));
      }
    }
    return found.orElseThrow(() -> ContainerException.noSuchContainer(reference));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HostConfig hostConfig(ContainerRow row) {
    try {
      return EventCodec.mapper().readValue(row.hostConfig(), HostConfig.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("corrupt container record " + row.id(), e);
    }
  }
}
