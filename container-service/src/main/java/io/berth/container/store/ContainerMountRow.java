package io.berth.container.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * One mount of a container, resolved at create.
 *
 * @param id the container's id followed by the mount's destination
 * @param containerId the container
 * @param volumeName the volume it mounts, or null for a bind or a tmpfs
 * @param mount the {@link io.berth.events.query.MountPoint} as JSON
 */
@MappedEntity("container_mount")
public record ContainerMountRow(
    @Id String id, String containerId, @Nullable String volumeName, String mount) {}
