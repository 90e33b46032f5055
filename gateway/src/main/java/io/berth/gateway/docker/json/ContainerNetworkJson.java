package io.berth.gateway.docker.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.container.HostConfig;
import io.berth.events.container.PortBinding;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The networking part of {@code POST /containers/create}: {@code HostConfig.PortBindings}, {@code
 * PublishAllPorts}, {@code Dns}, {@code ExtraHosts}, and the aliases of {@code
 * NetworkingConfig.EndpointsConfig} for the network the container runs on.
 */
final class ContainerNetworkJson {

  private ContainerNetworkJson() {}

  /**
   * The host config with the body's networking options.
   *
   * @throws IllegalArgumentException for a port Docker would refuse
   */
  static HostConfig withNetworking(HostConfig h, JsonNode body) {
    JsonNode host = body.path("HostConfig");
    return new HostConfig(
        h.memory(),
        h.nanoCpus(),
        h.cpuShares(),
        h.pidsLimit(),
        h.autoRemove(),
        h.restartPolicy(),
        h.networkMode(),
        h.binds(),
        h.privileged(),
        h.mounts(),
        h.tmpfs(),
        portBindings(host.path("PortBindings")),
        host.path("PublishAllPorts").asBoolean(false),
        strings(host.path("Dns")),
        strings(host.path("ExtraHosts")),
        aliases(body.path("NetworkingConfig").path("EndpointsConfig"), h.networkMode()));
  }

  /** {@code {"8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": ""}]}}. */
  static List<PortBinding> portBindings(JsonNode bindings) {
    List<PortBinding> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = bindings.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      JsonNode list = entry.getValue();
      if (list == null || !list.isArray() || list.isEmpty()) {
        out.add(PortBinding.parse(entry.getKey(), "", ""));
        continue;
      }
      for (JsonNode binding : list) {
        out.add(
            PortBinding.parse(
                entry.getKey(),
                binding.path("HostIp").asText(""),
                binding.path("HostPort").asText("")));
      }
    }
    return out;
  }

  private static List<String> aliases(JsonNode endpoints, String networkMode) {
    JsonNode endpoint = endpoints.path(networkMode);
    if (endpoint.isMissingNode() && endpoints.size() == 1) {
      endpoint = endpoints.elements().next();
    }
    return strings(endpoint.path("Aliases"));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(item -> out.add(item.asText()));
    }
    return out;
  }
}
