package io.berth.container.network;

import io.berth.container.ContainerException;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.network.NetworkCreateRequested;
import io.berth.events.network.NetworkDescriptor;
import io.berth.events.network.NetworkRemoved;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's networks: the default {@code bridge} (and Docker's {@code host} and {@code none}),
 * users' bridge networks with subnets that overlap neither each other nor a route of the host, and
 * their bridges and iptables rules kept in step with the database.
 */
@Singleton
public class Networks {

  private static final Logger LOG = LoggerFactory.getLogger(Networks.class);

  /** The default network's name. */
  public static final String DEFAULT = "bridge";

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  private final HostNames names;
  private final Firewall firewall;
  private final NetworkRepository networks;
  private final EndpointRepository endpoints;
  private final PublishedPortRepository ports;

  public Networks(
      @Value("${berth.data-dir}") Path dataDir,
      NetworkRepository networks,
      EndpointRepository endpoints,
      PublishedPortRepository ports) {
    this.names = HostNames.of(dataDir);
    this.firewall = new Firewall(names);
    this.networks = networks;
    this.endpoints = endpoints;
    this.ports = ports;
  }

  /**
   * Brings the host in line with the database when the service starts: the three built-in networks
   * exist, the allocations of containers that do not run any more are released, every bridge exists
   * (and no other bridge of this node), and the rules are written anew.
   *
   * @param running the ids of the containers that run now
   */
  public synchronized void reconcile(Set<String> running) {
    ensureBuiltIn();
    for (EndpointRow endpoint : endpoints.findByIpAddressIsNotNull()) {
      if (!running.contains(endpoint.containerId())) {
        endpoints.update(endpoint.released());
      }
    }
    for (PublishedPortRow port : ports.findAll()) {
      if (!running.contains(port.containerId())) {
        ports.delete(port);
      }
    }
    List<String> bridges = new ArrayList<>();
    for (NetworkRow network : networks.listOrderByName()) {
      if (network.bridged()) {
        Links.ensureBridge(network.bridge(), Subnet.parse(network.subnet()));
        bridges.add(network.bridge());
      }
    }
    for (String link : Links.names()) {
      if (names.isBridge(link) && !bridges.contains(link)) {
        LOG.info("removing bridge {}, which belongs to no network any more", link);
        Links.deleteBridge(link);
      }
    }
    syncFirewall();
  }

  /**
   * When the service stops with no container on any of its bridges, removes every bridge and rule
   * of this node, so that nothing of Berth is left on the host; with containers still running (they
   * outlive the service) everything stays for them.
   */
  @PreDestroy
  public synchronized void teardownIfIdle() {
    for (String link : Links.names()) {
      if (names.isBridge(link) && !Links.ports(link).isEmpty()) {
        LOG.info("keeping the networks: containers are still plugged into {}", link);
        return;
      }
    }
    teardown();
  }

  private void teardown() {
    firewall.remove();
    for (String link : Links.names()) {
      if (names.isBridge(link)) {
        Links.deleteBridge(link);
      }
    }
  }

  /**
   * Creates a user-defined bridge network.
   *
   * @throws ContainerException ALREADY_EXISTS for a name in use, INVALID_ARGUMENT for a bad name,
   *     driver or subnet, FAILED_PRECONDITION for a subnet that overlaps another
   */
  public synchronized NetworkDescriptor create(NetworkCreateRequested request) {
    if (!NAME.matcher(request.name()).matches()) {
      throw new ContainerException(
          ErrorCode.INVALID_ARGUMENT, "invalid network name: " + request.name());
    }
    if (!request.driver().equals("bridge")) {
      throw new ContainerException(
          ErrorCode.INVALID_ARGUMENT,
          "plugin \"" + request.driver() + "\" not found: only the bridge driver is supported");
    }
    if (networks.findByName(request.name()).isPresent()) {
      throw new ContainerException(
          ErrorCode.ALREADY_EXISTS, "network with name " + request.name() + " already exists");
    }
    if (networks.existsById(request.networkId())) {
      throw new ContainerException(
          ErrorCode.ALREADY_EXISTS, "network id " + request.networkId() + " is already in use");
    }
    Subnet subnet;
    if (request.subnet() != null) {
      try {
        subnet = Subnet.parse(request.subnet());
      } catch (IllegalArgumentException e) {
        throw new ContainerException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
      }
      if (!free(subnet)) {
        throw new ContainerException(
            ErrorCode.FAILED_PRECONDITION,
            "Pool overlaps with other one on this address space: " + subnet);
      }
    } else {
      subnet = chooseSubnet(userCandidates());
    }
    NetworkRow row =
        new NetworkRow(
            request.networkId(),
            request.name(),
            "bridge",
            subnet.toString(),
            names.bridge(request.networkId()),
            request.internal(),
            EventCodec.toJsonString(request.labels()),
            Instant.now());
    networks.save(row);
    Links.ensureBridge(row.bridge(), subnet);
    syncFirewall();
    return descriptor(row);
  }

  /**
   * Removes a user-defined network no running container is on.
   *
   * @throws ContainerException NOT_FOUND, or FAILED_PRECONDITION for a built-in network or one in
   *     use
   */
  public synchronized NetworkRemoved remove(String reference) {
    NetworkRow row = resolve(reference);
    if (builtIn(row)) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION,
          row.name() + " is a pre-defined network and cannot be removed");
    }
    if (endpoints.countByNetworkIdAndIpAddressIsNotNull(row.id()) > 0) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION,
          "error while removing network: network "
              + row.name()
              + " id "
              + row.id()
              + " has active endpoints");
    }
    endpoints.deleteAll(endpoints.findByNetworkIdOrderById(row.id()));
    networks.delete(row);
    Links.deleteBridge(row.bridge());
    syncFirewall();
    return new NetworkRemoved(row.id(), row.name());
  }

  /** Removes every user-defined network without a running container; returns them. */
  public synchronized List<NetworkRemoved> prune() {
    List<NetworkRemoved> removed = new ArrayList<>();
    for (NetworkRow row : networks.listOrderByName()) {
      if (!builtIn(row) && endpoints.countByNetworkIdAndIpAddressIsNotNull(row.id()) == 0) {
        removed.add(remove(row.id()));
      }
    }
    return removed;
  }

  /**
   * A network by name, full id or unique id prefix, as Docker looks them up.
   *
   * @throws ContainerException NOT_FOUND with Docker's wording
   */
  public NetworkRow resolve(String reference) {
    String ref = reference.equals("default") ? DEFAULT : reference;
    Optional<NetworkRow> byName = networks.findByName(ref);
    if (byName.isPresent()) {
      return byName.get();
    }
    if (ref.matches("[0-9a-f]{1,64}")) {
      List<NetworkRow> matches = networks.findByIdLike(ref + "%");
      if (matches.size() == 1) {
        return matches.get(0);
      }
    }
    throw new ContainerException(ErrorCode.NOT_FOUND, "network " + reference + " not found");
  }

  /** Every network, by name. */
  public List<NetworkRow> all() {
    return networks.listOrderByName();
  }

  /** The wire form of a network. */
  public static NetworkDescriptor descriptor(NetworkRow row) {
    Map<String, String> labels = Json.read(row.labels(), Json.STRING_MAP);
    return new NetworkDescriptor(
        row.id(),
        row.name(),
        row.driver(),
        row.subnet(),
        row.bridged() ? Subnet.parse(row.subnet()).gateway() : "",
        row.bridge(),
        row.internal(),
        labels,
        row.createdAt());
  }

  /** Rewrites this node's rules from the database. */
  synchronized void syncFirewall() {
    List<Firewall.BridgeRules> bridges = new ArrayList<>();
    for (NetworkRow network : networks.listOrderByName()) {
      if (network.bridged()) {
        bridges.add(
            new Firewall.BridgeRules(
                network.bridge(), Subnet.parse(network.subnet()), network.internal()));
      }
    }
    List<PublishedPortRow> published = new ArrayList<>();
    ports.findAll().forEach(published::add);
    firewall.sync(bridges, published);
  }

  Firewall firewall() {
    return firewall;
  }

  private static boolean builtIn(NetworkRow row) {
    return row.name().equals(DEFAULT) || !row.bridged();
  }

  private void ensureBuiltIn() {
    if (networks.findByName(DEFAULT).isEmpty()) {
      Subnet subnet =
          chooseSubnet(
              List.of(
                  Subnet.parse("172.30.0.0/16"),
                  Subnet.parse("10.230.0.0/16"),
                  Subnet.parse("192.168.230.0/24")));
      networks.save(
          new NetworkRow(
              newId(),
              DEFAULT,
              "bridge",
              subnet.toString(),
              names.defaultBridge(),
              false,
              "{}",
              Instant.now()));
    }
    for (String[] pseudo : new String[][] {{"host", "host"}, {"none", "null"}}) {
      if (networks.findByName(pseudo[0]).isEmpty()) {
        networks.save(
            new NetworkRow(newId(), pseudo[0], pseudo[1], "", "", false, "{}", Instant.now()));
      }
    }
  }

  private Subnet chooseSubnet(List<Subnet> candidates) {
    for (Subnet candidate : candidates) {
      if (free(candidate)) {
        return candidate;
      }
    }
    throw new ContainerException(
        ErrorCode.UNAVAILABLE,
        "could not find an available, non-overlapping IPv4 address pool among the defaults to"
            + " assign to the network");
  }

  /** Whether no network of this node and no route of the host (but this node's) overlaps it. */
  private boolean free(Subnet subnet) {
    for (NetworkRow network : networks.listOrderByName()) {
      if (network.bridged() && Subnet.parse(network.subnet()).overlaps(subnet)) {
        return false;
      }
    }
    for (HostRoutes.Route route : HostRoutes.routes()) {
      if (!names.isBridge(route.device()) && route.subnet().overlaps(subnet)) {
        return false;
      }
    }
    return true;
  }

  private static List<Subnet> userCandidates() {
    List<Subnet> candidates = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      candidates.add(Subnet.parse("172.31." + i + ".0/24"));
    }
    for (int i = 0; i < 256; i++) {
      candidates.add(Subnet.parse("10.231." + i + ".0/24"));
    }
    return candidates;
  }

  private static String newId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
