package io.berth.events.container;

import io.berth.events.Command;
import java.util.Objects;

/**
 * Asks the container-service to create a container ({@code docker create}).
 *
 * @param containerId the 64-hex id the gateway chose for the new container
 * @param name the name without a leading slash, or null to have one generated
 * @param image the image reference or id asked for
 * @param config what runs in the container
 * @param hostConfig how the host treats it
 */
public record ContainerCreateRequested(
    String containerId, String name, String image, ContainerConfig config, HostConfig hostConfig)
    implements Command {
  public ContainerCreateRequested {
    ContainerIds.requireId(containerId);
    Objects.requireNonNull(image, "image");
    config = config == null ? ContainerConfig.ofCmd(null) : config;
    hostConfig = hostConfig == null ? HostConfig.defaults() : hostConfig;
  }

  @Override
  public String subject() {
    return containerId;
  }
}
