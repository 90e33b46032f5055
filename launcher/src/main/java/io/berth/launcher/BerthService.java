package io.berth.launcher;

import java.util.Locale;

/** The four Berth services with their fixed conventions: module directory, main class, port. */
public enum BerthService {
  GATEWAY("gateway", "gateway", "io.berth.gateway.GatewayApplication", 2375),
  IMAGE_SERVICE("image-service", "image-service", "io.berth.image.ImageServiceApplication", 23751),
  LAYER_SERVICE("layer-service", "layer-service", "io.berth.layer.LayerServiceApplication", 23752),
  CONTAINER_SERVICE(
      "container-service",
      "container-service",
      "io.berth.container.ContainerServiceApplication",
      23753);

  private final String serviceName;
  private final String moduleDir;
  private final String mainClass;
  private final int defaultPort;

  BerthService(String serviceName, String moduleDir, String mainClass, int defaultPort) {
    this.serviceName = serviceName;
    this.moduleDir = moduleDir;
    this.mainClass = mainClass;
    this.defaultPort = defaultPort;
  }

  /** The name used on the command line, in log file names and state directories. */
  public String serviceName() {
    return serviceName;
  }

  /** The Maven module directory, relative to the repository root. */
  public String moduleDir() {
    return moduleDir;
  }

  /** The fully qualified main class. */
  public String mainClass() {
    return mainClass;
  }

  /** The HTTP port on 127.0.0.1 in the embedded default. */
  public int defaultPort() {
    return defaultPort;
  }

  /**
   * The environment variable that carries this service's base URL to the others, e.g. {@code
   * BERTH_LAYER_SERVICE_URL}.
   */
  public String urlEnvVar() {
    return "BERTH_" + name() + "_URL";
  }

  /**
   * Looks a service up by its name ({@code gateway}, {@code image-service}, ...) or short name
   * ({@code image}, {@code layer}, {@code container}).
   */
  public static BerthService of(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (BerthService service : values()) {
      if (service.serviceName.equals(wanted)
          || service.serviceName.equals(wanted + "-service")
          || service.name().equalsIgnoreCase(wanted.replace('-', '_'))) {
        return service;
      }
    }
    throw new IllegalArgumentException(
        "unknown service '"
            + name
            + "' (one of gateway, image-service, layer-service, container-service)");
  }
}
