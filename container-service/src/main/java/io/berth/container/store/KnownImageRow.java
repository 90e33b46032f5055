package io.berth.container.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * An image this node learned of from an image event (event-carried state transfer).
 *
 * @param id the image id
 * @param repoTags its tags as a JSON array
 * @param updatedAt the time of the image event that last described it
 * @param descriptor the whole {@code ImageDescriptor} as JSON
 */
@MappedEntity("known_image")
public record KnownImageRow(
    @Id String id, String repoTags, String descriptor, java.time.Instant updatedAt) {}
