package io.berth.container.handling;

import io.berth.events.container.ContainerConfig;
import io.berth.events.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Merges a create request's config over its image's, as Docker does: the request wins where it says
 * something; env and labels are merged key by key; a new entrypoint drops the image's cmd.
 */
final class EffectiveConfig {

  private EffectiveConfig() {}

  static ContainerConfig merge(ContainerConfig request, ImageConfig image) {
    List<String> entrypoint =
        request.entrypoint().isEmpty() ? image.entrypoint() : request.entrypoint();
    List<String> cmd;
    if (!request.cmd().isEmpty()) {
      cmd = request.cmd();
    } else if (!request.entrypoint().isEmpty()) {
      cmd = List.of();
    } else {
      cmd = image.cmd();
    }
    Map<String, String> labels = new LinkedHashMap<>(image.labels());
    labels.putAll(request.labels());
    LinkedHashSet<String> ports = new LinkedHashSet<>(image.exposedPorts());
    ports.addAll(request.exposedPorts());
    LinkedHashSet<String> volumes = new LinkedHashSet<>(image.volumes());
    volumes.addAll(request.volumes());
    return new ContainerConfig(
        cmd,
        entrypoint,
        mergeEnv(image.env(), request.env()),
        request.workingDir() != null ? request.workingDir() : image.workingDir(),
        request.user() != null ? request.user() : image.user(),
        request.hostname(),
        request.tty(),
        request.openStdin(),
        labels,
        new ArrayList<>(ports),
        request.stopSignal() != null ? request.stopSignal() : image.stopSignal(),
        new ArrayList<>(volumes));
  }

  private static List<String> mergeEnv(List<String> base, List<String> overrides) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String entry : base) {
      byName.put(name(entry), entry);
    }
    for (String entry : overrides) {
      byName.put(name(entry), entry);
    }
    return new ArrayList<>(byName.values());
  }

  private static String name(String entry) {
    int eq = entry.indexOf('=');
    return eq < 0 ? entry : entry.substring(0, eq);
  }
}
