package io.berth.events.container;

import io.berth.events.Event;
import java.time.Instant;
import java.util.Objects;

/**
 * A container was created; the outcome of {@link ContainerCreateRequested}.
 *
 * @param containerId the container id
 * @param name its name, without a leading slash
 * @param image the reference it was created from, as asked
 * @param imageId the id of the image it was created from
 * @param config the effective config (the request merged over the image's)
 * @param hostConfig how the host treats it
 * @param created when it was created
 */
public record ContainerCreated(
    String containerId,
    String name,
    String image,
    String imageId,
    ContainerConfig config,
    HostConfig hostConfig,
    Instant created)
    implements Event {
  public ContainerCreated {
    ContainerIds.requireId(containerId);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(hostConfig, "hostConfig");
    Objects.requireNonNull(created, "created");
  }

  @Override
  public String subject() {
    return containerId;
  }
}
