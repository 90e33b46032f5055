package io.berth.container.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A commit in progress ({@code docker commit}).
 *
 * @param containerId the container being committed (also the key of its snapshot)
 * @param request the {@code ContainerCommitRequested} as JSON
 * @param cause the envelope of that command as JSON; the commit's outcome is caused by it
 * @param imageId the id of the container's image, the new image's parent
 * @param config the container's effective config as JSON
 * @param froze whether the commit froze the running container (it is thawed at the end)
 */
@MappedEntity("container_commit")
public record ContainerCommitRow(
    @Id String containerId,
    String request,
    String cause,
    String imageId,
    String config,
    boolean froze) {}
