package io.berth.gateway.docker.json;

import io.berth.events.container.PortBinding;
import io.berth.events.network.NetworkDescriptor;
import io.berth.events.network.NetworkDetails;
import io.berth.events.network.NetworkEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Networks as the Engine API shows them: {@code GET /networks} and {@code /networks/{id}} ({@code
 * NetworkResource}), and a container's {@code NetworkSettings} with its endpoints and published
 * ports.
 */
public final class NetworkJson {

  private NetworkJson() {}

  /** One network with its running containers. */
  public static Map<String, Object> of(NetworkDetails details) {
    NetworkDescriptor n = details.network();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Name", n.name());
    body.put("Id", n.networkId());
    body.put("Created", GoTime.rfc3339Nano(n.created()));
    body.put("Scope", "local");
    body.put("Driver", n.driver());
    body.put("EnableIPv4", true);
    body.put("EnableIPv6", false);
    Map<String, Object> ipam = new LinkedHashMap<>();
    ipam.put("Driver", "default");
    ipam.put("Options", null);
    ipam.put(
        "Config",
        n.subnet().isEmpty()
            ? List.of()
            : List.of(Map.of("Subnet", n.subnet(), "Gateway", n.gateway())));
    body.put("IPAM", ipam);
    body.put("Internal", n.internal());
    body.put("Attachable", false);
    body.put("Ingress", false);
    body.put("ConfigFrom", Map.of("Network", ""));
    body.put("ConfigOnly", false);
    Map<String, Object> containers = new LinkedHashMap<>();
    for (NetworkEndpoint e : details.endpoints()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("Name", e.containerName());
      entry.put("EndpointID", endpointId(e));
      entry.put("MacAddress", e.macAddress());
      entry.put("IPv4Address", e.ipAddress() + "/" + e.prefixLength());
      entry.put("IPv6Address", "");
      containers.put(e.containerId(), entry);
    }
    body.put("Containers", containers);
    body.put(
        "Options",
        n.bridge().isEmpty() ? Map.of() : Map.of("com.docker.network.bridge.name", n.bridge()));
    body.put("Labels", n.labels());
    return body;
  }

  /**
   * A container's {@code NetworkSettings}: its first network's address at the top (as Docker shows
   * the default bridge's), one entry per network, and the published ports.
   */
  public static Map<String, Object> settings(
      String networkMode,
      List<NetworkEndpoint> endpoints,
      List<String> exposedPorts,
      List<PortBinding> ports,
      boolean running) {
    NetworkEndpoint first = endpoints.isEmpty() ? null : endpoints.get(0);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("Bridge", "");
    settings.put("SandboxID", "");
    settings.put("SandboxKey", "");
    settings.put("Ports", running ? portMap(exposedPorts, ports) : Map.of());
    settings.put("HairpinMode", false);
    settings.put("LinkLocalIPv6Address", "");
    settings.put("LinkLocalIPv6PrefixLen", 0);
    settings.put("SecondaryIPAddresses", null);
    settings.put("SecondaryIPv6Addresses", null);
    settings.put("EndpointID", first == null ? "" : endpointId(first));
    settings.put("Gateway", first == null ? "" : first.gateway());
    settings.put("GlobalIPv6Address", "");
    settings.put("GlobalIPv6PrefixLen", 0);
    settings.put("IPAddress", first == null ? "" : first.ipAddress());
    settings.put("IPPrefixLen", first == null ? 0 : first.prefixLength());
    settings.put("IPv6Gateway", "");
    settings.put("MacAddress", first == null ? "" : first.macAddress());
    Map<String, Object> networks = new LinkedHashMap<>();
    for (NetworkEndpoint e : endpoints) {
      networks.put(e.networkName(), endpoint(e));
    }
    if (endpoints.isEmpty() && !networkMode.startsWith("container:")) {
      String name = networkMode.equals("default") ? "bridge" : networkMode;
      networks.put(name, endpoint(null));
    }
    settings.put("Networks", networks);
    return settings;
  }

  /** {@code {"8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": "32768"}], "9000/tcp": null}}. */
  static Map<String, Object> portMap(List<String> exposedPorts, List<PortBinding> ports) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String exposed : exposedPorts) {
      map.put(exposed.contains("/") ? exposed : exposed + "/tcp", null);
    }
    for (PortBinding p : ports) {
      @SuppressWarnings("unchecked")
      List<Object> bindings = (List<Object>) map.get(p.portKey());
      if (bindings == null) {
        bindings = new ArrayList<>();
        map.put(p.portKey(), bindings);
      }
      bindings.add(
          Map.of(
              "HostIp",
              p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp(),
              "HostPort",
              Integer.toString(p.hostPort())));
    }
    return map;
  }

  /** {@code HostConfig.PortBindings} as asked ({@code HostPort} empty when the host chooses). */
  public static Map<String, Object> portBindings(List<PortBinding> asked) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (PortBinding p : asked) {
      @SuppressWarnings("unchecked")
      List<Object> bindings =
          (List<Object>) map.computeIfAbsent(p.portKey(), key -> new ArrayList<>());
      bindings.add(
          Map.of("HostIp", p.hostIp(), "HostPort", p.hostPort() == 0 ? "" : "" + p.hostPort()));
    }
    return map;
  }

  /** {@code docker ps}'s {@code Ports}: one entry per published port. */
  public static List<Map<String, Object>> listPorts(List<PortBinding> ports) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (PortBinding p : ports) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("IP", p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp());
      entry.put("PrivatePort", p.containerPort());
      entry.put("PublicPort", p.hostPort());
      entry.put("Type", p.protocol());
      out.add(entry);
    }
    return out;
  }

  private static Map<String, Object> endpoint(NetworkEndpoint e) {
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("IPAMConfig", null);
    endpoint.put("Links", null);
    endpoint.put("Aliases", e == null || e.aliases().isEmpty() ? null : e.aliases());
    endpoint.put("MacAddress", e == null ? "" : e.macAddress());
    endpoint.put("DriverOpts", null);
    endpoint.put("NetworkID", e == null ? "" : e.networkId());
    endpoint.put("EndpointID", e == null || e.ipAddress().isEmpty() ? "" : endpointId(e));
    endpoint.put("Gateway", e == null ? "" : e.gateway());
    endpoint.put("IPAddress", e == null ? "" : e.ipAddress());
    endpoint.put("IPPrefixLen", e == null ? 0 : e.prefixLength());
    endpoint.put("IPv6Gateway", "");
    endpoint.put("GlobalIPv6Address", "");
    endpoint.put("GlobalIPv6PrefixLen", 0);
    endpoint.put("DNSNames", e == null ? null : dnsNames(e));
    return endpoint;
  }

  private static List<String> dnsNames(NetworkEndpoint e) {
    List<String> names = new ArrayList<>();
    names.add(e.containerName());
    names.addAll(e.aliases());
    names.add(e.containerId().substring(0, 12));
    return names;
  }

  /** Berth has no endpoint objects: the id is derived from the container and the network. */
  private static String endpointId(NetworkEndpoint e) {
    if (e.ipAddress().isEmpty()) {
      return "";
    }
    return e.containerId().substring(0, 32) + e.networkId().substring(0, 32);
  }
}
